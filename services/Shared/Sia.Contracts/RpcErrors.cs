using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Sia.Contracts.DomainErrors;

namespace Sia.Contracts;

/// <summary>The errors SIA's services answer with, as rich google.rpc.Status errors a caller can act on.</summary>
public static class RpcErrors
{
    /// <summary>
    /// The domain's refusal as gRPC answers it: INVALID_ARGUMENT listing every bad field (google.rpc.BadRequest),
    /// NOT_FOUND and ALREADY_EXISTS naming the resource (google.rpc.ResourceInfo), FAILED_PRECONDITION naming what is in
    /// the way (google.rpc.PreconditionFailure), ABORTED for a concurrent change, PERMISSION_DENIED for a partner acting outside
    /// whom it acts for (google.rpc.ErrorInfo naming the resource).
    /// </summary>
    public static RpcException From(DomainException error) => error switch
    {
        ValidationFailedException invalid => BadRequest(invalid),
        NotFoundException notFound => WithResourceInfo(Code.NotFound, notFound.Message, notFound.ResourceName),
        AlreadyExistsException exists => WithResourceInfo(Code.AlreadyExists, exists.Message, exists.ResourceName),
        PreconditionFailedException failed => PreconditionFailure(failed),
        ConcurrentChangeException changed => new Google.Rpc.Status { Code = (int)Code.Aborted, Message = changed.Message }.ToRpcException(),
        PermissionDeniedException denied => new Google.Rpc.Status
        {
            Code = (int)Code.PermissionDenied,
            Message = denied.Message,
            Details = { Any.Pack(new ErrorInfo { Reason = "PARTNER_DOES_NOT_ACT_FOR_RESOURCE", Domain = "sia", Metadata = { ["resource"] = denied.ResourceName } }) },
        }.ToRpcException(),
        _ => throw new UnreachableException($"{error.GetType().Name} has no gRPC status."),
    };

    private static RpcException BadRequest(ValidationFailedException invalid)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(invalid.Violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = invalid.Message, Details = { Any.Pack(badRequest) } }.ToRpcException();
    }

    private static RpcException PreconditionFailure(PreconditionFailedException failed) => new Google.Rpc.Status
    {
        Code = (int)Code.FailedPrecondition,
        Message = failed.Message,
        Details =
        {
            Any.Pack(new PreconditionFailure
            {
                Violations = { new PreconditionFailure.Types.Violation { Type = "STATE", Subject = failed.Subject, Description = failed.Message } },
            }),
        },
    }.ToRpcException();

    private static RpcException WithResourceInfo(Code code, string message, string resourceName) => new Google.Rpc.Status
    {
        Code = (int)code,
        Message = message,
        Details = { Any.Pack(new ResourceInfo { ResourceName = resourceName }) },
    }.ToRpcException();
}
