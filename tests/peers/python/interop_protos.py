"""Shared pieces of the Python interop peers: the grpc.testing message classes,
method paths, (de)serializers and flag parsing.

The classes are built at run time from a descriptor set that protoc writes for
protos/grpc/testing/test.proto, so no generated code (whose protobuf runtime
version would have to match Debian's python3-protobuf) is needed.

protoc is taken from $PROTOC if set, else from the Grpc.Tools NuGet package
under $NUGET_PACKAGES or ~/.nuget/packages.
"""

import glob
import gzip
import os
import subprocess
import tempfile
import zlib

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

PROTO_ROOT = os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "protos"))
TEST_PROTO = "grpc/testing/test.proto"
PACKAGE = "grpc.testing"

ECHO_INITIAL_KEY = "x-grpc-test-echo-initial"
ECHO_TRAILING_KEY = "x-grpc-test-echo-trailing-bin"


def _version_of_package_path(path):
    version = path.split(os.sep)[-4]  # .../grpc.tools/VERSION/tools/linux_x64/protoc
    return [int(part) if part.isdigit() else 0 for part in version.split(".")]


def find_protoc():
    explicit = os.environ.get("PROTOC")
    if explicit:
        return explicit
    roots = [os.environ.get("NUGET_PACKAGES"), os.path.expanduser("~/.nuget/packages")]
    for root in filter(None, roots):
        found = glob.glob(os.path.join(root, "grpc.tools", "*", "tools", "linux_x64", "protoc"))
        if found:
            return max(found, key=_version_of_package_path)
    raise RuntimeError("protoc not found: set PROTOC or restore the Grpc.Tools NuGet package")


def _load_descriptor_set():
    with tempfile.TemporaryDirectory(prefix="sia-interop-") as tmp:
        out = os.path.join(tmp, "test.pb")
        subprocess.run(
            [find_protoc(), "--include_imports", "--descriptor_set_out=" + out,
             "-I", PROTO_ROOT, TEST_PROTO],
            check=True)
        with open(out, "rb") as f:
            return descriptor_pb2.FileDescriptorSet.FromString(f.read())


def _build_classes():
    pool = descriptor_pool.DescriptorPool()
    # --include_imports lists every file after the files it imports.
    for file_proto in _load_descriptor_set().file:
        pool.Add(file_proto)
    factory = message_factory.MessageFactory(pool)
    names = ["Empty", "Payload", "EchoStatus", "BoolValue", "ResponseParameters",
             "SimpleRequest", "SimpleResponse",
             "StreamingInputCallRequest", "StreamingInputCallResponse",
             "StreamingOutputCallRequest", "StreamingOutputCallResponse"]
    return {n: factory.GetPrototype(pool.FindMessageTypeByName(PACKAGE + "." + n)) for n in names}


_CLASSES = _build_classes()
Empty = _CLASSES["Empty"]
Payload = _CLASSES["Payload"]
EchoStatus = _CLASSES["EchoStatus"]
BoolValue = _CLASSES["BoolValue"]
ResponseParameters = _CLASSES["ResponseParameters"]
SimpleRequest = _CLASSES["SimpleRequest"]
SimpleResponse = _CLASSES["SimpleResponse"]
StreamingInputCallRequest = _CLASSES["StreamingInputCallRequest"]
StreamingInputCallResponse = _CLASSES["StreamingInputCallResponse"]
StreamingOutputCallRequest = _CLASSES["StreamingOutputCallRequest"]
StreamingOutputCallResponse = _CLASSES["StreamingOutputCallResponse"]

TEST_SERVICE = PACKAGE + ".TestService"
UNIMPLEMENTED_SERVICE = PACKAGE + ".UnimplementedService"


def method_path(service, method):
    return "/%s/%s" % (service, method)


def serializer(message):
    return message.SerializeToString()


def deserializer(cls):
    return cls.FromString


def decompressing_deserializer(cls):
    """Deserializer for a channel or server built with NO_DECOMPRESSION.

    With core's per-message decompression switched off the raw bytes of each
    message arrive here as they were on the wire, so a compressed message is
    recognised by its gzip or zlib ("deflate") header and decompressed here.
    A valid grpc.testing message never starts like that: byte 0x1f would be
    field 3 with the invalid wire type 7, and 0x78 would be field 15, which
    none of these messages has. The deserializer returns (message, compressed).
    """
    def deserialize(data):
        if data[:2] == b"\x1f\x8b":
            return cls.FromString(gzip.decompress(data)), True
        if len(data) >= 2 and data[0] == 0x78 and (data[0] << 8 | data[1]) % 31 == 0:
            return cls.FromString(zlib.decompress(data)), True
        return cls.FromString(data), False
    return deserialize


# Channel/server option that hands compressed messages to the application as
# they arrived, so that decompressing_deserializer can tell them apart.
NO_DECOMPRESSION = ("grpc.per_message_decompression", 0)


def zero_payload(size):
    return Payload(body=bytes(size))


def parse_flags(argv, defaults):
    """Parses --name=value flags; unknown flags are an error, values stay strings."""
    values = dict(defaults)
    for arg in argv:
        name, sep, value = arg.partition("=")
        key = name[2:] if name.startswith("--") else None
        if not sep or key not in values:
            raise SystemExit("unknown or malformed flag: %s (known: %s)"
                             % (arg, ", ".join("--" + k for k in sorted(values))))
        values[key] = value
    return values
