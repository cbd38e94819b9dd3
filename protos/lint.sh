#!/usr/bin/env bash
# buf lint for SIA's protos (protos/sia/**), by buf.yaml's rules. Their imports (google/type, google/rpc, the well-known
# types) come from NuGet packages, as in the C# build, so protoc from Grpc.Tools builds an image with those packages on its
# import path and buf lints that image. Needs a restored solution (dotnet restore SIA.sln) and npm install.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
version() { sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" Directory.Packages.props; }
grpc_tools=$packages/grpc.tools/$(version Grpc.Tools)
common_protos=$packages/google.api.commonprotos/$(version Google.Api.CommonProtos)/content/protos
if [[ ! -x $grpc_tools/tools/linux_x64/protoc || ! -d $common_protos ]]; then
  echo "protos/lint.sh: Grpc.Tools or Google.Api.CommonProtos is not in $packages: run 'dotnet restore SIA.sln' first" >&2
  exit 2
fi

image=$(mktemp --suffix=.binpb)
trap 'rm -f "$image"' EXIT
(cd protos && "$grpc_tools/tools/linux_x64/protoc" --include_imports --include_source_info --descriptor_set_out="$image" \
  -I . -I "$common_protos" -I "$grpc_tools/build/native/include" $(find sia -name '*.proto' | sort))
npx --no-install buf lint "$image" --path sia "$@"
