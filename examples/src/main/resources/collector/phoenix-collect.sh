#!/bin/sh
# phoenix-collect.sh - bundle the evidence Phoenix Diagnostics needs from a Proxmox VE host into one
# tar.gz archive, for `phoenix-doctor doctor --evidence ARCHIVE` on any machine, offline.
#
# Usage: phoenix-collect.sh [-o ARCHIVE] [-c PHOENIX_ETC] [-s SINCE]
#   -o ARCHIVE      output file (default: ./phoenix-evidence-<host>-<UTC time>.tar.gz)
#   -c PHOENIX_ETC  the Phoenix JSON directory (default: /usr/local/phoenix_hypervisor/etc)
#   -s SINCE        kernel log window for journalctl --since (default: "2 hours ago")
#
# Environment: PHOENIX_COLLECT_ROOT prefixes every file path read (a fake root for tests; commands are
# taken from PATH as they are). Needs: sh, tar, gzip, sed, grep, GNU stat, perl with JSON::PP (all on Proxmox VE);
# optional: openssl, pct, iptables-legacy-save, iptables-nft-save, nft, journalctl or dmesg.
#
# What lands in the archive (listed in its MANIFEST, one tab-separated line per item:
# kind, path in the archive or "-", where it came from, a note):
#   phoenix/               the Phoenix JSON files (and stacks/*/phoenix.json), secrets masked
#   pve/                   firewall/*.fw, nodes/*/host.fw, lxc/*.conf, qemu-server/*.conf (as /etc/pve)
#   netfilter/             iptables-legacy-save -c, iptables-nft-save -c, nft list ruleset
#   rootfs/host/           the manifest's certificates and the host's trust store, at their own paths
#   rootfs/lxc-<id>/       each running container's trust store (through pct exec); with the step root, the
#                          OpenSSL hashed link <hash>.0 of the host and containers, as a plain file
#   keys/private-keys.tsv  for each manifest key file: path, mode, owner, SHA-256 of its public key
#   step/                  step clients' config/defaults.json (host, and containers through pct exec), and
#                          the host's step root certificate (defaults.json "root") as step/host/root_ca.crt
#   kernel/kernel-log.txt  recent kernel lines holding netfilter LOG fields (" IN=")
#   clock/clock.tsv        seconds since the epoch read on the host and in each running container
#
# Never collected: private keys (only mode, owner and key fingerprint), secret values. A JSON value is
# masked ("<masked>") by the rules of io.phoenixdiag.core.config.Secret: its field name splits (at _ - .
# spaces and camelCase) into words one of which is password, passwd, pass, pwd, passphrase, secret(s),
# token, apikey, privatekey, privkey, credential(s), or "api key"/"private key", unless the last word is
# file, path, dir, directory, url, uri, name, id, type, length, len, count, enabled, required, policy, ttl,
# expiry, or a word is max, min, num, count, or it names a public key; everything under such a field is
# masked; a "value" is masked when its sibling "name" or "key" is such a name; any string holding PEM
# private-key material is masked. Placeholders (NOT_SET, CHANGE_ME, ${VAR}...) are kept. A JSON file
# perl cannot parse is withheld. In guest configs a "cipassword" line and secret-named keys are masked.
# A file with a masked value is rewritten as pretty JSON with sorted keys; others are copied as they are.
set -eu

PHOENIX_ETC=/usr/local/phoenix_hypervisor/etc
SINCE="2 hours ago"
OUT=""
while getopts "o:c:s:h" opt; do
    case "$opt" in
        o) OUT=$OPTARG ;;
        c) PHOENIX_ETC=$OPTARG ;;
        s) SINCE=$OPTARG ;;
        h) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "usage: phoenix-collect.sh [-o ARCHIVE] [-c PHOENIX_ETC] [-s SINCE]" >&2; exit 2 ;;
    esac
done
R=${PHOENIX_COLLECT_ROOT:-}
HOST=$(hostname 2>/dev/null || echo unknown)
NOW=$(date -u +%Y%m%dT%H%M%SZ)
[ -n "$OUT" ] || OUT="phoenix-evidence-$HOST-$NOW.tar.gz"
umask 077
WORK=$(mktemp -d "${TMPDIR:-/tmp}/phoenix-collect.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
B="$WORK/phoenix-evidence"
mkdir -p "$B"
M="$B/MANIFEST"
TAB=$(printf '\t')

{
    echo "# phoenix-evidence 1"
    echo "# host $HOST"
    echo "# collected $(date +%s)"
    echo "# phoenix-etc $PHOENIX_ETC"
} > "$M"

# manifest KIND PATH ORIGIN NOTE
manifest() {
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$M"
}

have() {
    command -v "$1" >/dev/null 2>&1
}

# with_timeout CMD...: runs CMD with a 20 s limit when timeout(1) exists
with_timeout() {
    if have timeout; then timeout 20 "$@"; else "$@"; fi
}

# The secret rules (see the header); mode "json" or "conf"; reads $1, writes $2; exit 3 = unparsable.
REDACT='
use strict; use warnings; use JSON::PP;
my %SECRET = map { $_ => 1 } qw(password passwd pass pwd passphrase secret secrets token apikey privatekey privkey credential credentials);
my %REF = map { $_ => 1 } qw(file path dir directory url uri name id type length len count enabled required policy ttl expiry);
my %COUNT = map { $_ => 1 } qw(max min num count);
my %PLACE = map { $_ => 1 } ("", qw(not_set notset change_me changeme replace_me replaceme todo tbd none null xxx redacted secret password <masked>));
my $masked = 0;
sub words { my $n = shift; $n =~ s/(?<=[a-z0-9])(?=[A-Z])/_/g; return grep { length } split /[^a-z0-9]+/, lc $n; }
sub is_secret {
    my @w = words(shift); return 0 if !@w || $REF{$w[-1]};
    my $s = 0;
    for my $i (0 .. $#w) {
        my ($w, $nx) = ($w[$i], $i < $#w ? $w[$i + 1] : "");
        return 0 if $COUNT{$w} || ($w eq "public" && $nx eq "key") || $w eq "pubkey";
        $s = 1 if $SECRET{$w} || ($nx eq "key" && ($w eq "api" || $w eq "private"));
    }
    return $s;
}
sub placeholder { my $v = shift; $v =~ s/^\s+|\s+$//g; return $PLACE{lc $v} || $v =~ /^(?:\$\{[^}]*\}|\{\{.*\}\}|<[^>]*>|\*+)$/s; }
sub privkey { return $_[0] =~ /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/; }
sub mask { my $v = shift; return $v if placeholder($v); $masked++; return "<masked>"; }
sub named {
    my $h = shift; return 0 unless exists $h->{value};
    for my $k ("name", "key") { my $v = $h->{$k}; return 1 if defined $v && !ref $v && is_secret($v); }
    return 0;
}
sub walk {
    my ($n, $secret) = @_;
    if (ref $n eq "HASH") {
        my $named = named($n);
        for my $k (keys %$n) { $n->{$k} = walk($n->{$k}, $secret || is_secret($k) || ($k eq "value" && $named)); }
        return $n;
    }
    return [ map { walk($_, $secret) } @$n ] if ref $n eq "ARRAY";
    return $n if !defined $n || JSON::PP::is_bool($n);
    return mask($n) if $secret;
    if (privkey($n)) { $masked++; return "<masked>"; }
    return $n;
}
my ($mode, $in, $out) = @ARGV;
open my $fh, "<:raw", $in or exit 3; local $/; my $text = <$fh>; close $fh;
if ($mode eq "conf") {
    my @out;
    for my $line (split /\n/, $text, -1) {
        if ($line =~ /^(\s*)([A-Za-z0-9_.-]+)(\s*[:=]\s*)(.*)$/ && ($2 eq "cipassword" || is_secret($2)) && !placeholder($4)) {
            $line = "$1$2$3<masked>"; $masked++;
        } elsif (privkey($line)) { $line = "<masked>"; $masked++; }
        push @out, $line;
    }
    $text = join "\n", @out;
} else {
    my $doc = eval { JSON::PP->new->allow_nonref->decode($text) }; exit 3 if $@;
    $doc = walk($doc, 0);
    $text = JSON::PP->new->allow_nonref->pretty->canonical->encode($doc) if $masked;
}
open my $oh, ">:raw", $out or exit 4; print $oh $text; close $oh;
exit 0;
'

# redact MODE SRC DEST KIND ORIGIN
redact() {
    mkdir -p "$(dirname "$3")"
    if perl -e "$REDACT" "$1" "$2" "$3"; then
        manifest "$4" "${3#"$B"/}" "$5" "secrets masked"
    else
        rm -f "$3"
        manifest "$4" "-" "$5" "withheld: not parsable, so secrets could not be masked"
    fi
}

# copy_file KIND SRC DEST
copy_file() {
    if [ -f "$R$2" ]; then
        mkdir -p "$(dirname "$3")"
        cp "$R$2" "$3"
        manifest "$1" "${3#"$B"/}" "$2" ""
    else
        manifest "$1" "-" "$2" "absent"
    fi
}

# certificates_only SRC DEST KIND ORIGIN: keeps only CERTIFICATE PEM blocks (or a DER certificate)
certificates_only() {
    if [ ! -f "$R$1" ]; then
        manifest "$3" "-" "$4" "absent"
        return 0
    fi
    mkdir -p "$(dirname "$2")"
    if grep -q -- '-----BEGIN' "$R$1"; then
        sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' "$R$1" > "$2"
    elif have openssl && openssl x509 -inform DER -in "$R$1" -noout 2>/dev/null; then
        cp "$R$1" "$2"
    else
        : > "$2"
    fi
    if [ -s "$2" ]; then
        # keep the file's mode so offline checks of the manifest's "permissions" see the real one
        chmod "$(stat -c '%a' "$R$1" 2>/dev/null || echo 600)" "$2" 2>/dev/null || true
        manifest "$3" "${2#"$B"/}" "$4" ""
    else
        rm -f "$2"
        manifest "$3" "-" "$4" "withheld: holds no certificate"
    fi
}

# run_to KIND DEST CMD...: the command's standard output
run_to() {
    kind=$1 dest=$2
    shift 2
    if ! have "$1"; then
        manifest "$kind" "-" "$*" "command not found"
        return 0
    fi
    mkdir -p "$(dirname "$dest")"
    if with_timeout "$@" > "$dest" 2>/dev/null; then
        manifest "$kind" "${dest#"$B"/}" "$*" ""
    else
        manifest "$kind" "${dest#"$B"/}" "$*" "failed (exit code $?)"
    fi
}

# 1. Phoenix JSON files
for f in "$R$PHOENIX_ETC"/*.json "$R$PHOENIX_ETC"/stacks/*/phoenix.json; do
    [ -f "$f" ] || continue
    rel=${f#"$R$PHOENIX_ETC"/}
    redact json "$f" "$B/phoenix/$rel" phoenix-json "${f#"$R"}"
done

# 2. Proxmox firewall files and guest configs
for f in "$R"/etc/pve/firewall/*.fw; do
    [ -f "$f" ] || continue
    copy_file pve-fw "${f#"$R"}" "$B/pve/firewall/${f##*/}"
done
for f in "$R"/etc/pve/nodes/*/host.fw; do
    [ -f "$f" ] || continue
    node=${f%/host.fw}
    node=${node##*/}
    copy_file pve-host-fw "${f#"$R"}" "$B/pve/nodes/$node/host.fw"
done
CTIDS=""
for d in lxc qemu-server; do
    for f in "$R/etc/pve/$d"/*.conf; do
        [ -f "$f" ] || continue
        redact conf "$f" "$B/pve/$d/${f##*/}" guest-conf "${f#"$R"}"
        if [ "$d" = lxc ]; then
            id=${f##*/}
            CTIDS="$CTIDS ${id%.conf}"
        fi
    done
done

# 3. netfilter rules as the kernel holds them
run_to iptables-legacy-save "$B/netfilter/iptables-legacy-save.txt" iptables-legacy-save -c
run_to iptables-nft-save "$B/netfilter/iptables-nft-save.txt" iptables-nft-save -c
run_to nft-ruleset "$B/netfilter/nft-ruleset.txt" nft list ruleset

# 4. certificates of the manifest (never the keys: mode, owner and public-key fingerprint only)
MANIFEST_JSON="$R$PHOENIX_ETC/certificate-manifest.json"
KEYS="$B/keys/private-keys.tsv"
if [ -f "$MANIFEST_JSON" ]; then
    mkdir -p "$B/keys"
    printf 'path\tmode\towner\tpublic_key_sha256\n' > "$KEYS"
    perl -MJSON::PP -e '
        local $/; open my $fh, "<", $ARGV[0] or exit 0; my $d = eval { decode_json(<$fh>) } or exit 0;
        my @e = ref $d eq "ARRAY" ? @$d : ref $d eq "HASH" && ref $d->{certificates} eq "ARRAY" ? @{$d->{certificates}} : ();
        for my $x (@e) { next unless ref $x eq "HASH";
            for my $k ("cert_path", "ca_path", "chain_path", "key_path") {
                print "$k\t$x->{$k}\n" if defined $x->{$k} && !ref $x->{$k} && $x->{$k} =~ m{^/[^\t\n]*$};
            } }' "$MANIFEST_JSON" > "$WORK/paths.tsv"
    while IFS="$TAB" read -r key path; do
        if [ "$key" = key_path ]; then
            if [ -f "$R$path" ]; then
                mode=$(stat -c '%a' "$R$path" 2>/dev/null || echo "?")
                owner=$(stat -c '%U:%G' "$R$path" 2>/dev/null || echo "?")
                fp="?"
                if have openssl; then
                    fp=$(openssl pkey -in "$R$path" -passin pass: -pubout -outform DER 2>/dev/null | sha256sum | cut -d' ' -f1) || fp="?"
                    [ "$fp" != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" ] || fp="?"
                fi
                printf '%s\t%s\t%s\t%s\n' "$path" "$mode" "$owner" "$fp" >> "$KEYS"
                manifest private-key-info "keys/private-keys.tsv" "$path" "mode, owner and public-key fingerprint only"
            else
                manifest private-key-info "-" "$path" "absent"
            fi
        else
            certificates_only "$path" "$B/rootfs/host$path" certificate "$path"
            if [ -f "$B/rootfs/host$path" ] && [ -f "$R$path" ]; then
                mode=$(stat -c '%a %U:%G' "$R$path" 2>/dev/null || echo "?")
                printf '%s\t%s\n' "$path" "$mode" >> "$B/keys/certificate-modes.tsv"
            fi
        fi
    done < "$WORK/paths.tsv"
fi

# pull_certificates CTID PATH: the CERTIFICATE blocks of a file inside a running container
pull_certificates() {
    dest="$B/rootfs/lxc-$1$2"
    if with_timeout pct exec "$1" -- cat "$2" > "$WORK/pulled" 2>/dev/null; then
        mkdir -p "$(dirname "$dest")"
        sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' "$WORK/pulled" > "$dest"
        manifest trust-store "${dest#"$B"/}" "lxc:$1:$2" ""
    else
        manifest trust-store "-" "lxc:$1:$2" "pct exec failed (container stopped, or no such file)"
    fi
}

# 5. trust stores: the host's, and each container's through pct exec
for f in /etc/ssl/certs/ca-certificates.crt "$R"/usr/local/share/ca-certificates/*.crt; do
    f=${f#"$R"}
    case "$f" in *'*'*) continue ;; esac
    certificates_only "$f" "$B/rootfs/host$f" trust-store "$f"
done
for id in $CTIDS; do
    if ! have pct; then
        manifest trust-store "-" "lxc:$id" "pct not found"
        continue
    fi
    pull_certificates "$id" /etc/ssl/certs/ca-certificates.crt
done

# 6. step clients' defaults.json (CA URL and root fingerprint)
for f in "$R"/root/.step/config/defaults.json; do
    [ -f "$f" ] || continue
    redact json "$f" "$B/step/host/defaults.json" step-defaults "${f#"$R"}"
done
# the step client's root certificate (its "root" path in defaults.json): the trust anchor for chain checks
if [ -f "$B/step/host/defaults.json" ]; then
    STEP_ROOT=$(perl -MJSON::PP -e 'local $/; open my $fh, "<", $ARGV[0] or exit 0; my $d = eval { decode_json(<$fh>) };
        print $d->{root} if ref $d eq "HASH" && defined $d->{root} && !ref $d->{root} && $d->{root} =~ m{^/[^\n]*$};' \
        "$B/step/host/defaults.json")
    [ -z "$STEP_ROOT" ] || certificates_only "$STEP_ROOT" "$B/step/host/root_ca.crt" step-root "$STEP_ROOT"
fi
# the OpenSSL hashed links (/etc/ssl/certs/<subject hash>.0) through which OpenSSL finds the step root
if [ -f "$B/step/host/root_ca.crt" ] && have openssl \
        && HASH=$(openssl x509 -hash -noout -in "$B/step/host/root_ca.crt" 2>/dev/null); then
    for n in 0 1 2; do
        [ -e "$R/etc/ssl/certs/$HASH.$n" ] || continue
        certificates_only "/etc/ssl/certs/$HASH.$n" "$B/rootfs/host/etc/ssl/certs/$HASH.$n" trust-store "/etc/ssl/certs/$HASH.$n"
    done
    for id in $CTIDS; do
        have pct || break
        [ -d "$B/rootfs/lxc-$id" ] || continue
        pull_certificates "$id" "/etc/ssl/certs/$HASH.0"
    done
fi
for id in $CTIDS; do
    have pct || break
    if with_timeout pct exec "$id" -- cat /root/.step/config/defaults.json > "$WORK/step.json" 2>/dev/null \
            && [ -s "$WORK/step.json" ]; then
        redact json "$WORK/step.json" "$B/step/lxc-$id/defaults.json" step-defaults "lxc:$id:/root/.step/config/defaults.json"
    fi
done

# 7. recent kernel lines with netfilter LOG fields
mkdir -p "$B/kernel"
if have journalctl && with_timeout journalctl -k --since "$SINCE" -o short-iso --no-pager > "$WORK/kern" 2>/dev/null; then
    grep -e ' IN=' "$WORK/kern" > "$B/kernel/kernel-log.txt" || true
    manifest kernel-log kernel/kernel-log.txt "journalctl -k --since '$SINCE' -o short-iso" "LOG lines only"
elif have dmesg && with_timeout dmesg > "$WORK/kern" 2>/dev/null; then
    grep -e ' IN=' "$WORK/kern" > "$B/kernel/kernel-log.txt" || true
    manifest kernel-log kernel/kernel-log.txt "dmesg" "LOG lines only"
else
    manifest kernel-log "-" "journalctl -k / dmesg" "unavailable"
fi

# 8. clocks (24-hour certificates make skew matter)
mkdir -p "$B/clock"
printf 'host\t%s\n' "$(date +%s)" > "$B/clock/clock.tsv"
for id in $CTIDS; do
    have pct || break
    if t=$(with_timeout pct exec "$id" -- date +%s 2>/dev/null); then
        printf 'lxc:%s\t%s\n' "$id" "$t" >> "$B/clock/clock.tsv"
    fi
done
printf 'host\t%s\n' "$(date +%s)" >> "$B/clock/clock.tsv"
manifest clock clock/clock.tsv "date +%s" "the host before and after the guests"

tar -C "$WORK" -czf "$OUT" phoenix-evidence
echo "phoenix-collect: wrote $OUT" >&2
