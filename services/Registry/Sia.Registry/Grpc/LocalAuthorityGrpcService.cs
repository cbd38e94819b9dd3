using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Domain;
using Sia.Registry.Grpc.Mapping;
using Sia.Registry.V1;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Grpc;

internal sealed class LocalAuthorityGrpcService(LocalAuthorities localAuthorities, ResponseBudget budget) : LocalAuthorityService.LocalAuthorityServiceBase
{
    public override async Task<LocalAuthority> GetLocalAuthority(GetLocalAuthorityRequest request, ServerCallContext context)
    {
        var code = ResourceNames.LocalAuthorityCode(request.Name, "name");
        return (await localAuthorities.GetAsync(code, context.CancellationToken)).ToMessage();
    }

    public override async Task<ListLocalAuthoritiesResponse> ListLocalAuthorities(ListLocalAuthoritiesRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize, defaultSize: 100, maxSize: 500);
        var after = PageToken.TryRead<string>(request.PageToken, request, ResourceNames.TryParseLocalAuthority, out var code) ? code : null;
        var page = budget.Fit(await localAuthorities.ListAsync(after, size, context.CancellationToken),
            la => la.ToMessage(), la => ResourceNames.LocalAuthority(la.Code), request);
        return new ListLocalAuthoritiesResponse { LocalAuthorities = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<LocalAuthority> CreateLocalAuthority(CreateLocalAuthorityRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var la = request.LocalAuthority ?? throw new ValidationFailedException("local_authority", "The local authority to create is missing.");
        var code = la.Code.Length > 0 ? la.Code : ResourceNames.TryParseLocalAuthority(la.Name, out var fromName) ? fromName : "";
        return (await localAuthorities.CreateAsync(code, la.DisplayName, requestId, context.CancellationToken)).ToMessage();
    }
}
