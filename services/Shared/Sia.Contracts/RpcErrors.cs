using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Sia.Contracts;

/// <summary>The errors SIA's services answer with, as rich google.rpc.Status errors a caller can act on.</summary>
public static class RpcErrors
{
    /// <summary>INVALID_ARGUMENT listing every bad field (google.rpc.BadRequest).</summary>
    public static RpcException InvalidArgument(IReadOnlyCollection<FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        var summary = string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"));
        return new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = summary, Details = { Any.Pack(badRequest) } }.ToRpcException();
    }

    public static RpcException InvalidArgument(string field, string description) => InvalidArgument([new FieldViolation(field, description)]);

    public static RpcException NotFound(string resourceName) =>
        WithResourceInfo(Code.NotFound, $"{resourceName} does not exist.", resourceName);

    public static RpcException AlreadyExists(string resourceName) =>
        WithResourceInfo(Code.AlreadyExists, $"{resourceName} already exists.", resourceName);

    /// <summary>ALREADY_EXISTS with a message that says what clashes and what to do instead.</summary>
    public static RpcException AlreadyExists(string resourceName, string description) =>
        WithResourceInfo(Code.AlreadyExists, description, resourceName);

    /// <summary>FAILED_PRECONDITION: the request is valid but the system is not in a state to do it.</summary>
    public static RpcException FailedPrecondition(string subject, string description) => new Google.Rpc.Status
    {
        Code = (int)Code.FailedPrecondition,
        Message = description,
        Details = { Any.Pack(new PreconditionFailure { Violations = { new PreconditionFailure.Types.Violation { Type = "STATE", Subject = subject, Description = description } } }) },
    }.ToRpcException();

    /// <summary>ABORTED: someone else changed the resource since the caller read it.</summary>
    public static RpcException Aborted(string resourceName) => new Google.Rpc.Status
    {
        Code = (int)Code.Aborted,
        Message = $"{resourceName} was changed by someone else (the etag does not match). Read it again and retry.",
    }.ToRpcException();

    private static RpcException WithResourceInfo(Code code, string message, string resourceName) => new Google.Rpc.Status
    {
        Code = (int)code,
        Message = message,
        Details = { Any.Pack(new ResourceInfo { ResourceName = resourceName }) },
    }.ToRpcException();
}

public readonly record struct FieldViolation(string Field, string Description);

/// <summary>Collects field violations, then throws them all at once.</summary>
public sealed class Violations
{
    private readonly List<FieldViolation> _violations = [];

    public void Add(string field, string description) => _violations.Add(new FieldViolation(field, description));

    public IReadOnlyList<FieldViolation> Items => _violations;

    public void ThrowIfAny()
    {
        if (_violations.Count > 0) throw RpcErrors.InvalidArgument(_violations);
    }
}
