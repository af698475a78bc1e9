#!/usr/bin/env bash
# Makes the installable forms of the CLI into artifacts/ (or the folder given as $1):
#   stagecraft.VERSION.nupkg + stagecraft.RID.VERSION.nupkg   the .NET tool (ReadyToRun, needs the .NET 10 runtime):
#                                                             dotnet tool install -g stagecraft --add-source artifacts
#   stagecraft-linux-x64, stagecraft-linux-arm64              self-contained single-file binaries (no .NET needed)
# STAGECRAFT_TOOL_RIDS ("linux-x64;linux-arm64") and STAGECRAFT_BINARY_RIDS ("linux-x64 linux-arm64") narrow the
# platforms; the binaries of the RIDs in STAGECRAFT_PLAIN_RIDS ("") skip ReadyToRun (smaller, slower to start, faster
# to make), and STAGECRAFT_TOOL_READYTORUN=false does the same for the tool package: the packaging test uses both,
# since precompiling is most of a pack's time and releases keep it. Intermediate files go to one temporary folder
# (the libraries compile once for all), so a pack never disturbs the checkout's own build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$root/artifacts}" && cd "${1:-$root/artifacts}" && pwd)"
cli="$root/src/Stagecraft.Cli/Stagecraft.Cli.csproj"
tool_rids="${STAGECRAFT_TOOL_RIDS:-linux-x64;linux-arm64}"
binary_rids="${STAGECRAFT_BINARY_RIDS:-linux-x64 linux-arm64}"
plain_rids=" ${STAGECRAFT_PLAIN_RIDS:-} "
tool_readytorun="${STAGECRAFT_TOOL_READYTORUN:-true}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
quiet=(-nologo -v quiet -clp:NoSummary)

echo "packing the stagecraft tool for $tool_rids into $out (ReadyToRun: $tool_readytorun)" >&2
dotnet pack "$cli" -c Release -o "$out" --artifacts-path "$work/build" "${quiet[@]}" \
  -p:RuntimeIdentifiers="\"$tool_rids\"" -p:ToolPackageRuntimeIdentifiers="\"$tool_rids\"" -p:PublishReadyToRun="$tool_readytorun"

for rid in $binary_rids; do
  readytorun=true
  [[ "$plain_rids" == *" $rid "* ]] && readytorun=false
  echo "publishing the single-file binary stagecraft-$rid (ReadyToRun: $readytorun)" >&2
  # Not trimmed: the CLI's JSON, YAML and AWS SDK code use reflection that trimming would break (see docs/install.md).
  dotnet publish "$cli" -c Release -r "$rid" --self-contained -o "$work/$rid" --artifacts-path "$work/build" "${quiet[@]}" \
    -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:PublishReadyToRun=$readytorun -p:DebugType=none
  mv "$work/$rid/stagecraft" "$out/stagecraft-$rid"
done
ls -l "$out" >&2
