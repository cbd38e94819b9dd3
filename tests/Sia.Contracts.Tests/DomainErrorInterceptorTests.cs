using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Sia.Contracts.DomainErrors;

namespace Sia.Contracts.Tests;

/// <summary>Each domain error reaches a gRPC caller as its status code, message and google.rpc detail.</summary>
public sealed class DomainErrorInterceptorTests
{
    private readonly DomainErrorInterceptor _interceptor = new();

    [Fact]
    public async Task A_validation_failure_is_INVALID_ARGUMENT_with_every_field_violation()
    {
        var error = await UnaryAsync(new ValidationFailedException([new("school.ukprn", "Too short."), new("school.display_name", "Missing.")]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("school.ukprn: Too short.; school.display_name: Missing.", error.Status.Detail);
        Assert.Equal(["school.ukprn", "school.display_name"], Detail<BadRequest>(error).FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task Not_found_and_already_exists_name_the_resource()
    {
        var notFound = await UnaryAsync(new NotFoundException("schools/100000"));
        var exists = await UnaryAsync(new AlreadyExistsException("alliances/ebor"));
        var clash = await UnaryAsync(new AlreadyExistsException("alliances/ebor/memberships/4", "The periods overlap."));

        Assert.Equal((StatusCode.NotFound, "schools/100000 does not exist."), (notFound.StatusCode, notFound.Status.Detail));
        Assert.Equal("schools/100000", Detail<ResourceInfo>(notFound).ResourceName);
        Assert.Equal((StatusCode.AlreadyExists, "alliances/ebor already exists."), (exists.StatusCode, exists.Status.Detail));
        Assert.Equal("alliances/ebor", Detail<ResourceInfo>(exists).ResourceName);
        Assert.Equal(("The periods overlap.", "alliances/ebor/memberships/4"), (clash.Status.Detail, Detail<ResourceInfo>(clash).ResourceName));
    }

    [Fact]
    public async Task A_failed_precondition_names_its_subject()
    {
        var error = await UnaryAsync(new PreconditionFailedException("schools/100000", "schools/100000 is closed."));

        Assert.Equal((StatusCode.FailedPrecondition, "schools/100000 is closed."), (error.StatusCode, error.Status.Detail));
        var violation = Assert.Single(Detail<PreconditionFailure>(error).Violations);
        Assert.Equal(("STATE", "schools/100000", "schools/100000 is closed."), (violation.Type, violation.Subject, violation.Description));
    }

    [Fact]
    public async Task A_concurrent_change_is_ABORTED_without_details()
    {
        var error = await UnaryAsync(new ConcurrentChangeException("schools/100000"));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.StartsWith("schools/100000 was changed by someone else", error.Status.Detail);
        Assert.Empty(error.GetRpcStatus()!.Details);
    }

    [Fact]
    public async Task A_partner_outside_whom_it_acts_for_is_PERMISSION_DENIED_naming_the_resource()
    {
        var error = await UnaryAsync(new PermissionDeniedException("localAuthorities/806", "York LA Officer acts for localAuthorities/816 only."));

        Assert.Equal((StatusCode.PermissionDenied, "York LA Officer acts for localAuthorities/816 only."), (error.StatusCode, error.Status.Detail));
        var info = Detail<ErrorInfo>(error);
        Assert.Equal(("PARTNER_DOES_NOT_ACT_FOR_RESOURCE", "sia", "localAuthorities/806"), (info.Reason, info.Domain, info.Metadata["resource"]));
    }

    [Fact]
    public async Task Streaming_handlers_are_translated_too_and_other_errors_pass_through()
    {
        var streamed = await Assert.ThrowsAsync<RpcException>(() => _interceptor.ServerStreamingServerHandler<Empty, Empty>(
            new Empty(), null!, null!, (_, _, _) => throw new NotFoundException("schools/100000")));
        var unauthenticated = new RpcException(new Grpc.Core.Status(StatusCode.Unauthenticated, "No key."));
        var passed = await Assert.ThrowsAsync<RpcException>(() => _interceptor.UnaryServerHandler<Empty, Empty>(
            new Empty(), null!, (_, _) => throw unauthenticated));

        Assert.Equal(StatusCode.NotFound, streamed.StatusCode);
        Assert.Same(unauthenticated, passed);
    }

    /// <summary>The error a unary handler that throws <paramref name="error"/> answers with; the context is never read.</summary>
    private Task<RpcException> UnaryAsync(DomainException error) =>
        Assert.ThrowsAsync<RpcException>(() => _interceptor.UnaryServerHandler<Empty, Empty>(new Empty(), null!, (_, _) => throw error));

    private static T Detail<T>(RpcException error) where T : class, IMessage<T>, new() => error.GetRpcStatus()!.GetDetail<T>()!;
}
