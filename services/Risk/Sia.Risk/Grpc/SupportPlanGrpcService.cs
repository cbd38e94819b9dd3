using System.Globalization;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Domain;
using Sia.Risk.Domain.SupportPlans;
using Sia.Risk.Grpc.Mapping;
using Sia.Risk.V1;
using Sia.ServiceDefaults;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;

namespace Sia.Risk.Grpc;

/// <summary>Support plans read, listed, created and changed; a partner reaches only those of schools it acts for.</summary>
internal sealed class SupportPlanGrpcService(SupportPlans plans, SchoolAccess access, ResponseBudget budget) : SupportPlanService.SupportPlanServiceBase
{
    public override async Task<SupportPlan> GetSupportPlan(GetSupportPlanRequest request, ServerCallContext context)
    {
        var name = ResourceNames.SupportPlan(request.Name, "name");
        await access.RequireAsync(context, name.Urn, name.ToString());
        return (await plans.GetAsync(name, context.CancellationToken)).ToMessage();
    }

    public override async Task<ListSupportPlansResponse> ListSupportPlans(ListSupportPlansRequest request, ServerCallContext context)
    {
        int? urn = request.Parent == "schools/-" ? null : ResourceNames.SchoolUrn(request.Parent, "parent");
        var laCode = request.LocalAuthority.Length > 0 ? ResourceNames.LocalAuthorityCode(request.LocalAuthority, "local_authority") : null;
        if (request.AcademicYear != 0 && request.AcademicYear is < 2000 or > 2100)
            throw new ValidationFailedException("academic_year", "Give the academic year by the year it starts (2015 for 2015/16), or 0 for any.");
        var size = PageToken.Size(request.PageSize, defaultSize: 50, maxSize: 200);
        SupportPlanName? after = PageToken.TryRead<SupportPlanName>(request.PageToken, request, TryParseKey, out var key) ? key : null;
        if (urn is { } school) await access.RequireAsync(context, school, request.Parent);
        else if (laCode is not null) context.RequireLocalAuthority(laCode);
        else if (context.GetCallingPartner() is { ActsForEveryone: false } partner)
            throw new PermissionDeniedException("schools/-", $"The partner '{partner.Name}' lists support plans across schools only within a local authority it acts for: set local_authority.");
        var page = budget.Fit(await plans.ListAsync(urn, laCode, request.AcademicYear == 0 ? null : request.AcademicYear, after, size, context.CancellationToken),
            p => p.ToMessage(), p => string.Create(CultureInfo.InvariantCulture, $"{p.Urn}:{p.AcademicYear}"), request);
        return new ListSupportPlansResponse { SupportPlans = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<SupportPlan> CreateSupportPlan(CreateSupportPlanRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var name = new SupportPlanName(ResourceNames.SchoolUrn(request.Parent, "parent"), ResourceNames.AcademicYearId(request.SupportPlanId, "support_plan_id"));
        await access.RequireAsync(context, name.Urn, request.Parent);
        var violations = new Violations();
        var content = (request.SupportPlan ?? throw new ValidationFailedException("support_plan", "The support plan to create is missing.")).ToContent("support_plan", violations);
        violations.ThrowIfAny();
        return (await plans.CreateAsync(name, content, requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<SupportPlan> UpdateSupportPlan(UpdateSupportPlanRequest request, ServerCallContext context)
    {
        var changes = request.SupportPlan ?? throw new ValidationFailedException("support_plan", "The support plan to update is missing.");
        var name = ResourceNames.SupportPlan(changes.Name, "support_plan.name");
        await access.RequireAsync(context, name.Urn, name.ToString());
        var etag = Etag.Parse(changes.Etag, "support_plan.etag");
        var violations = new Violations();
        var requested = changes.ToContent("support_plan", violations);
        violations.ThrowIfAny();
        var updated = await plans.UpdateAsync(name, etag, current => SupportPlanMapping.UpdatableFields.Apply(request.UpdateMask, requested, current),
            context.CancellationToken);
        return updated.ToMessage();
    }

    /// <summary>A list's key, "{urn}:{academic year}", as the list writes it.</summary>
    private static bool TryParseKey(string text, out SupportPlanName key)
    {
        key = default;
        var parts = text.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var urn)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return false;
        key = new SupportPlanName(urn, year);
        return true;
    }
}
