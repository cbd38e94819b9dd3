"""Message classes for Python peers, built at run time from the repo's .proto files.

protoc writes a descriptor set for the files asked for, so no generated code
(whose protobuf runtime version would have to match Debian's python3-protobuf)
is needed. protoc and the well-known types come from the Grpc.Tools NuGet
package (under $NUGET_PACKAGES or ~/.nuget/packages), or protoc from $PROTOC.
"""

import glob
import os
import subprocess
import tempfile

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "protos"))


def _version_of_package_path(path):
    version = path.split(os.sep)[-4]  # .../grpc.tools/VERSION/tools/linux_x64/protoc
    return [int(part) if part.isdigit() else 0 for part in version.split(".")]


def _grpc_tools_protoc():
    roots = [os.environ.get("NUGET_PACKAGES"), os.path.expanduser("~/.nuget/packages")]
    for root in filter(None, roots):
        found = glob.glob(os.path.join(root, "grpc.tools", "*", "tools", "linux_x64", "protoc"))
        if found:
            return max(found, key=_version_of_package_path)
    return None


def find_protoc():
    protoc = os.environ.get("PROTOC") or _grpc_tools_protoc()
    if not protoc:
        raise RuntimeError("protoc not found: set PROTOC or restore the Grpc.Tools NuGet package")
    return protoc


def _well_known_types_include():
    protoc = _grpc_tools_protoc()
    if protoc is None:
        return []
    include = os.path.join(os.path.dirname(protoc), "..", "..", "build", "native", "include")
    return [os.path.normpath(include)] if os.path.isdir(include) else []


class ProtoClasses:
    """Message classes by full name, for the given .proto files and everything they import."""

    def __init__(self, files, include_dirs=(PROTO_ROOT,)):
        self._pool = descriptor_pool.DescriptorPool()
        # --include_imports lists every file after the files it imports.
        for file_proto in self._descriptor_set(files, list(include_dirs) + _well_known_types_include()).file:
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
