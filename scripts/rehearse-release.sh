#!/usr/bin/env bash
# Rehearses a release without publishing anything: builds the committed tree (HEAD) as version
# VERSION with the release profile, signs with a throwaway GnuPG key, and lets the Central
# publishing plugin assemble its bundle, whose upload then fails against a closed port on
# 127.0.0.1. Checks that the bundle holds exactly what Maven Central requires of this project:
# the parent POM, and visual-review-junit's POM, jar, sources, Javadoc and command-line (cli) jar,
# each with a good signature and checksums, and nothing of the modules that are not published.
#
#   scripts/rehearse-release.sh [VERSION]     (default: the POM's version without -SNAPSHOT)
#
# Needs git, gpg and Maven; reaches no server but Maven Central's repository for plugins. Leaves
# ~/.m2 untouched (no install) and works in a temporary folder it prints.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
current=$(sed -n 's#^  <version>\(.*\)</version>#\1#p' "$root/pom.xml" | head -1)
version="${1:-${current%-SNAPSHOT}}"
work="$(mktemp -d -t visual-review-release.XXXXXX)"
echo "Rehearsing release $version of $(git -C "$root" rev-parse --short HEAD) in $work"

mkdir "$work/tree"
git -C "$root" archive HEAD | tar -x -C "$work/tree"
sed -i "s#<version>$current</version>#<version>$version</version>#" \
  "$work"/tree/pom.xml "$work"/tree/*/pom.xml

export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
trap 'gpgconf --kill gpg-agent 2> /dev/null || true' EXIT
gpg --batch --quiet --passphrase '' --quick-gen-key \
  'visual-review-junit release rehearsal <rehearsal@example.invalid>' ed25519 sign 1d
# Dummy credentials: the upload goes to a closed local port and fails after bundling.
cat > "$work/settings.xml" <<'EOF'
<settings><servers><server><id>central</id><username>rehearsal</username><password>rehearsal</password></server></servers></settings>
EOF

(cd "$work/tree" && MAVEN_GPG_PASSPHRASE='' mvn -B -s "$work/settings.xml" -Prelease deploy \
  -Dmaven.test.skip=true -Dmaven.install.skip=true \
  -DcentralBaseUrl=http://127.0.0.1:9 -DcentralSnapshotsUrl=http://127.0.0.1:9/ \
  > "$work/build.log" 2>&1) || true

bundle="$work/tree/target/central-publishing/central-bundle.zip"
if [[ ! -f "$bundle" ]]; then
  echo "FAIL: the build made no Central bundle; see $work/build.log" >&2
  grep -E '^\[ERROR\]' "$work/build.log" | head -20 >&2
  exit 1
fi
if ! grep -q 'Unable to upload bundle' "$work/build.log"; then
  echo "FAIL: the build did not stop at the upload as expected; see $work/build.log" >&2
  exit 1
fi

mkdir "$work/bundle"
(cd "$work/bundle" && unzip -q "$bundle")
failures=0
expect() {
  local file="$work/bundle/dev/visualreview/$1"
  for suffix in "" .asc .md5 .sha1; do
    if [[ ! -f "$file$suffix" ]]; then
      echo "FAIL: missing $1$suffix" >&2
      failures=$((failures + 1))
    fi
  done
  if [[ -f "$file" && -f "$file.asc" ]] && ! gpg --quiet --verify "$file.asc" "$file" 2> /dev/null; then
    echo "FAIL: bad signature on $1" >&2
    failures=$((failures + 1))
  fi
}
expect "visual-review-parent/$version/visual-review-parent-$version.pom"
for a in .pom .jar -sources.jar -javadoc.jar -cli.jar; do
  expect "visual-review-junit/$version/visual-review-junit-$version$a"
done
unexpected=$(cd "$work/bundle" && find . -type f | grep -vE '/visual-review-(parent|junit)/' || true)
if [[ -n "$unexpected" ]]; then
  echo "FAIL: the bundle holds modules that are never published:" >&2
  echo "$unexpected" >&2
  failures=$((failures + 1))
fi
cli="$work/bundle/dev/visualreview/visual-review-junit/$version/visual-review-junit-$version-cli.jar"
if [[ -f "$cli" ]] && ! java -jar "$cli" --help > /dev/null 2>&1; then
  echo "FAIL: the cli jar does not run (java -jar ... --help)" >&2
  failures=$((failures + 1))
fi

(cd "$work/bundle" && find . -type f ! -name '*.md5' ! -name '*.sha*' | sort | sed 's#^\./#  #')
if ((failures > 0)); then
  echo "Release rehearsal FAILED ($failures problems); build log: $work/build.log" >&2
  exit 1
fi
echo "Release rehearsal passed: the bundle above is what 'mvn -Prelease deploy' would upload."
