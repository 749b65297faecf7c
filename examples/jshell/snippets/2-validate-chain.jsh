// Validate a certificate chain: a Step-CA-like chain built in code, with an expired end-entity.
IssuedChain chain = ChainBuilder.stepCa("portainer.internal.example").defect(ChainDefect.EXPIRED_LEAF).build();
PathValidator validator = PathValidator.builder().trustAnchors(List.of(chain.root().certificate())).build();
ValidationResult result = validator.validate(chain.presentedChain(),
    Optional.of(ReferenceIdentity.dns("portainer.internal.example")));
System.out.println(result.isValid() ? "VALID" : "INVALID " + result.reason().orElseThrow());
