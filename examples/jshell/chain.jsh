// Build a Step-CA-like chain and validate it, as phoenix-doctor chain does.
//   jshell --class-path examples/target/phoenix-doctor.jar examples/jshell/chain.jsh
import io.phoenixdiag.pki.cert.*;
import io.phoenixdiag.pki.path.*;
import io.phoenixdiag.pki.name.*;

IssuedChain good = ChainBuilder.stepCa("portainer.internal.example").build();
PathValidator validator = PathValidator.builder().trustAnchors(java.util.List.of(good.root().certificate())).build();
System.out.println("valid: " + validator.validate(good.presentedChain(), java.util.Optional.of(ReferenceIdentity.dns("portainer.internal.example"))).isValid());

IssuedChain expired = ChainBuilder.stepCa("portainer.internal.example").root(good.root()).defect(ChainDefect.EXPIRED_LEAF).build();
ValidationResult r = validator.validate(expired.presentedChain(), java.util.Optional.empty());
System.out.println(r.reason().orElseThrow() + ": " + r.failure().orElseThrow().remediation());
/exit
