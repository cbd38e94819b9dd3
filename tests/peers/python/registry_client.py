#!/usr/bin/python3
"""A registry client on Python grpcio, as a partner system would write one, calling through the SIA gateway.

    /usr/bin/python3 registry_client.py --address=127.0.0.1:PORT --key=KEY --school=schools/URN \\
        --alliance=alliances/ID --gias=edubasealldata.csv

Runs a fixed scenario and prints one line per step (the test reads them):
  school NAME LAESTAB DISPLAY_NAME      GetSchool
  alliance_members NAME,NAME,...        ListSchools filtered by alliance, one school per page
  invalid_argument FIELD: DESCRIPTION   GetSchool with a bad name, rich error read from the trailers
  retried_create SAME|DIFFERENT         CreateSystemLeader sent twice with one request_id
  watch_saw NAME                        WatchChanges (server streaming) from the start until the school's change
  watch_resumed SAME|DIFFERENT          WatchChanges resumed after the first change: is the next one the second?
  import created=N updated=N unchanged=N rejected=N
                                        ImportGiasExtract (client streaming) of the file in 4 KiB pieces, twice
Exits 1 with a message on stderr if a call fails unexpectedly.
"""

import argparse
import sys
import uuid

import grpc

from proto_classes import ProtoClasses

PACKAGE = "sia.registry.v1"
CALL_TIMEOUT = 30
CHUNK_SIZE = 4096

classes = ProtoClasses(["sia/registry/v1/school.proto", "sia/registry/v1/system_leader.proto", "sia/registry/v1/changes.proto",
                        "sia/registry/v1/gias_import.proto", "google/rpc/status.proto", "google/rpc/error_details.proto"])


def method(service, name):
    return "/%s.%s/%s" % (PACKAGE, service, name)


def serialize(message):
    return message.SerializeToString()


def deserializer(response_type):
    return classes[PACKAGE + "." + response_type].FromString


def message(type_name, **fields):
    return classes[PACKAGE + "." + type_name](**fields)


def field_violations(error):
    """The google.rpc.BadRequest field violations in the call's grpc-status-details-bin trailer."""
    details = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
    status = classes["google.rpc.Status"].FromString(details)
    bad_request = classes["google.rpc.BadRequest"]()
    for any_detail in status.details:
        if any_detail.type_url.endswith("/google.rpc.BadRequest"):
            bad_request.ParseFromString(any_detail.value)
    return bad_request.field_violations


def watch(channel, metadata, resume_token=""):
    """WatchChanges as an iterator of changes; cancel() the returned call to stop it."""
    return channel.unary_stream(method("RegistryChangeService", "WatchChanges"), request_serializer=serialize,
                                response_deserializer=deserializer("Change"))(
        message("WatchChangesRequest", resume_token=resume_token), metadata=metadata, timeout=CALL_TIMEOUT)


def import_gias(channel, metadata, path):
    def pieces():
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK_SIZE):
                yield message("ImportGiasExtractRequest", chunk=chunk)

    call = channel.stream_unary(method("GiasImportService", "ImportGiasExtract"), request_serializer=serialize,
                                response_deserializer=deserializer("ImportGiasExtractResponse"))
    return call(pieces(), metadata=metadata, timeout=CALL_TIMEOUT)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", required=True)
    parser.add_argument("--key", required=True, help="the partner's API key for the gateway")
    parser.add_argument("--school", required=True)
    parser.add_argument("--alliance", required=True)
    parser.add_argument("--gias", required=True, help="a GIAS extract to import")
    args = parser.parse_args()
    metadata = (("authorization", "Bearer " + args.key),)

    with grpc.insecure_channel(args.address) as channel:
        def unary(service, name, response_type):
            call = channel.unary_unary(method(service, name), request_serializer=serialize, response_deserializer=deserializer(response_type))
            return lambda request: call(request, metadata=metadata, timeout=CALL_TIMEOUT)

        get_school = unary("SchoolService", "GetSchool", "School")
        school = get_school(message("GetSchoolRequest", name=args.school))
        print("school %s %d %s" % (school.name, school.laestab, school.display_name))

        list_schools = unary("SchoolService", "ListSchools", "ListSchoolsResponse")
        members, token = [], ""
        while True:
            page = list_schools(message("ListSchoolsRequest", alliance=args.alliance, page_size=1, page_token=token))
            members.extend(s.name for s in page.schools)
            token = page.next_page_token
            if not token:
                break
        print("alliance_members " + ",".join(members))

        try:
            get_school(message("GetSchoolRequest", name="schools/12"))
            print("bad name accepted", file=sys.stderr)
            return 1
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.INVALID_ARGUMENT:
                print("expected INVALID_ARGUMENT, got %s: %s" % (error.code(), error.details()), file=sys.stderr)
                return 1
            for violation in field_violations(error):
                print("invalid_argument %s: %s" % (violation.field, violation.description))

        create_leader = unary("SystemLeaderService", "CreateSystemLeader", "SystemLeader")
        leader = message("SystemLeader", display_name="Python Peer", designation=3, home_school=args.school,
                         specialisms=["Mathematics"], active=True)
        request = message("CreateSystemLeaderRequest", system_leader=leader, request_id=str(uuid.uuid4()))
        first = create_leader(request)
        second = create_leader(request)
        print("retried_create " + ("SAME" if first.name == second.name else "DIFFERENT"))

        changes = watch(channel, metadata)
        seen = []
        for change in changes:
            seen.append(change)
            if change.resource == args.school:
                break
        changes.cancel()
        print("watch_saw " + seen[-1].resource)
        resumed = watch(channel, metadata, seen[0].resume_token)
        after_first = next(resumed)
        resumed.cancel()
        print("watch_resumed " + ("SAME" if after_first.resume_token == seen[1].resume_token else "DIFFERENT"))

        for _ in range(2):
            summary = import_gias(channel, metadata, args.gias)
            print("import created=%d updated=%d unchanged=%d rejected=%d" % (
                summary.created_count, summary.updated_count, summary.unchanged_count, summary.rejected_count))
    return 0


if __name__ == "__main__":
    sys.exit(main())
