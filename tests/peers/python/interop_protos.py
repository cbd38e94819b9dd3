"""Shared pieces of the Python interop peers: the grpc.testing message classes,
method paths, (de)serializers and flag parsing.
"""

import gzip
import zlib

from proto_classes import ProtoClasses

TEST_PROTO = "grpc/testing/test.proto"
PACKAGE = "grpc.testing"

ECHO_INITIAL_KEY = "x-grpc-test-echo-initial"
ECHO_TRAILING_KEY = "x-grpc-test-echo-trailing-bin"


def _build_classes():
    classes = ProtoClasses([TEST_PROTO])
    names = ["Empty", "Payload", "EchoStatus", "BoolValue", "ResponseParameters",
             "SimpleRequest", "SimpleResponse",
             "StreamingInputCallRequest", "StreamingInputCallResponse",
             "StreamingOutputCallRequest", "StreamingOutputCallResponse"]
    return {n: classes[PACKAGE + "." + n] for n in names}


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
