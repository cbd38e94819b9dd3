"""Message classes for Python peers, built at run time from the repo's .proto files.

protoc writes a descriptor set for the files asked for, so no generated code
(whose protobuf runtime version would have to match Debian's python3-protobuf)
is needed. From the NuGet packages the build restores (under $NUGET_PACKAGES or
~/.nuget/packages): protoc and the well-known types from Grpc.Tools (or protoc
from $PROTOC), google/type and google/rpc from Google.Api.CommonProtos.
"""

import os
import subprocess
import tempfile

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "protos"))


def _version_key(version):
    return [int(part) if part.isdigit() else 0 for part in version.split(".")]


def _in_nuget_package(package, *path):
    """path inside the newest restored version of a NuGet package, or None."""
    roots = [os.environ.get("NUGET_PACKAGES"), os.path.expanduser("~/.nuget/packages")]
    for root in filter(None, roots):
        package_dir = os.path.join(root, package)
        if not os.path.isdir(package_dir):
            continue
        versions = [v for v in os.listdir(package_dir) if os.path.exists(os.path.join(package_dir, v, *path))]
        if versions:
            return os.path.join(package_dir, max(versions, key=_version_key), *path)
    return None


def find_protoc():
    protoc = os.environ.get("PROTOC") or _in_nuget_package("grpc.tools", "tools", "linux_x64", "protoc")
    if not protoc:
        raise RuntimeError("protoc not found: set PROTOC or restore the solution (dotnet restore SIA.sln)")
    return protoc


def _include_dirs():
    common_protos = _in_nuget_package("google.api.commonprotos", "content", "protos")
    if common_protos is None:
        raise RuntimeError("Google.Api.CommonProtos not found: restore the solution (dotnet restore SIA.sln)")
    well_known_types = _in_nuget_package("grpc.tools", "build", "native", "include")
    return [PROTO_ROOT, common_protos] + ([well_known_types] if well_known_types else [])


class ProtoClasses:
    """Message classes by full name, for the given .proto files and everything they import."""

    def __init__(self, files):
        self._pool = descriptor_pool.DescriptorPool()
        # --include_imports lists every file after the files it imports.
        for file_proto in self._descriptor_set(files, _include_dirs()).file:
            self._pool.Add(file_proto)
        self._factory = message_factory.MessageFactory(self._pool)

    def __getitem__(self, full_name):
        return self._factory.GetPrototype(self._pool.FindMessageTypeByName(full_name))

    @staticmethod
    def _descriptor_set(files, include_dirs):
        with tempfile.TemporaryDirectory(prefix="sia-peer-") as tmp:
            out = os.path.join(tmp, "protos.pb")
            includes = [arg for d in include_dirs for arg in ("-I", d)]
            subprocess.run([find_protoc(), "--include_imports", "--descriptor_set_out=" + out] + includes + list(files), check=True)
            with open(out, "rb") as f:
                return descriptor_pb2.FileDescriptorSet.FromString(f.read())
