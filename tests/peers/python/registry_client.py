#!/usr/bin/python3
"""A registry client on Python grpcio, as a partner system would write one.

    /usr/bin/python3 registry_client.py --address=127.0.0.1:PORT --school=schools/URN --alliance=alliances/ID

Runs a fixed scenario and prints one line per step (the test reads them):
  school NAME LAESTAB DISPLAY_NAME      GetSchool
  alliance_members NAME,NAME,...        ListSchools filtered by alliance, one school per page
  invalid_argument FIELD: DESCRIPTION   GetSchool with a bad name, rich error read from the trailers
  retried_create SAME|DIFFERENT         CreateSystemLeader sent twice with one request_id
Exits 1 with a message on stderr if a call fails unexpectedly.
"""

import argparse
import os
import sys
import uuid

import grpc

from proto_classes import HERE, PROTO_ROOT, ProtoClasses

PACKAGE = "sia.registry.v1"
CALL_TIMEOUT = 30

classes = ProtoClasses(
    ["sia/registry/v1/school.proto", "sia/registry/v1/system_leader.proto", "google/rpc/status.proto", "google/rpc/error_details.proto"],
    include_dirs=(PROTO_ROOT, os.path.join(HERE, "protos")))


def unary(channel, service, method, response_type):
    return channel.unary_unary(
        "/%s.%s/%s" % (PACKAGE, service, method),
        request_serializer=lambda m: m.SerializeToString(),
        response_deserializer=classes[PACKAGE + "." + response_type].FromString)


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", required=True)
    parser.add_argument("--school", required=True)
    parser.add_argument("--alliance", required=True)
    args = parser.parse_args()

    with grpc.insecure_channel(args.address) as channel:
        get_school = unary(channel, "SchoolService", "GetSchool", "School")
        school = get_school(message("GetSchoolRequest", name=args.school), timeout=CALL_TIMEOUT)
        print("school %s %d %s" % (school.name, school.laestab, school.display_name))

        list_schools = unary(channel, "SchoolService", "ListSchools", "ListSchoolsResponse")
        members, token = [], ""
        while True:
            page = list_schools(message("ListSchoolsRequest", alliance=args.alliance, page_size=1, page_token=token), timeout=CALL_TIMEOUT)
            members.extend(s.name for s in page.schools)
            token = page.next_page_token
            if not token:
                break
        print("alliance_members " + ",".join(members))

        try:
            get_school(message("GetSchoolRequest", name="schools/12"), timeout=CALL_TIMEOUT)
            print("bad name accepted", file=sys.stderr)
            return 1
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.INVALID_ARGUMENT:
                print("expected INVALID_ARGUMENT, got %s: %s" % (error.code(), error.details()), file=sys.stderr)
                return 1
            for violation in field_violations(error):
                print("invalid_argument %s: %s" % (violation.field, violation.description))

        create_leader = unary(channel, "SystemLeaderService", "CreateSystemLeader", "SystemLeader")
        leader = message("SystemLeader", display_name="Python Peer", designation=3, home_school=args.school,
                         specialisms=["Mathematics"], active=True)
        request = message("CreateSystemLeaderRequest", system_leader=leader, request_id=str(uuid.uuid4()))
        first = create_leader(request, timeout=CALL_TIMEOUT)
        second = create_leader(request, timeout=CALL_TIMEOUT)
        print("retried_create " + ("SAME" if first.name == second.name else "DIFFERENT"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
