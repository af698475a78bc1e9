#!/bin/sh
# Publishes the notes API into $1 and reports a hash of what was published as the 'revision' output:
# the web stage consumes it, so web is released again exactly when the published files change.
set -eu
out="$1"
rm -rf "$out"
dotnet publish app -c Release -o "$out" -nologo -v quiet
hash=$(cd "$out" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
echo "published $(find "$out" -type f | wc -l) files, content $hash"
echo "revision=$hash" >> "$STAGECRAFT_OUTPUT"
