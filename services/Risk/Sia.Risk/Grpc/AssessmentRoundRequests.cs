using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Assessments;
using Sia.Risk.Grpc.Mapping;
using Sia.Risk.V1;
using Sia.ServiceDefaults;
using Sia.ServiceKit.Grpc;
using Sia.ServiceKit.Domain;

namespace Sia.Risk.Grpc;

/// <summary>
/// A RunAssessmentRound request as the domain's, checked field by field, and who may ask it: a partner must act for the
/// LA; every LA ("localAuthorities/-") needs a partner acting for everyone, or a call from inside. The answer as the API's.
/// </summary>
internal static class AssessmentRoundRequests
{
    public const string EveryLocalAuthority = "localAuthorities/-";

    public static (RoundRequest Round, Guid? RequestId) Read(RunAssessmentRoundRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        string? laCode = null;
        if (request.LocalAuthority != EveryLocalAuthority)
            laCode = Checked(() => ResourceNames.LocalAuthorityCode(request.LocalAuthority, "local_authority"), violations);
        if (request.AcademicYear is < 2000 or > 2100)
            violations.Add("academic_year", "Give the academic year by the year it starts: 2015 for 2015/16.");
        if (request.Round == Assessment.Types.Round.Unspecified || !Enum.IsDefined(request.Round))
            violations.Add("round", "Say which round this is: annual, autumn, spring or summer.");
        var date = AssessmentMapping.ToDateOnly(request.AssessmentDate, "assessment_date", violations);
        if (date is { } day && request.AcademicYear is >= 2000 and <= 2100 && AcademicYear.Of(day) != request.AcademicYear)
            violations.Add("assessment_date", $"{day:yyyy-MM-dd} is not in {AcademicYear.Label(request.AcademicYear)} (1 September {request.AcademicYear} to 31 August {request.AcademicYear + 1}).");
        var requestId = Checked(() => RequestIds.Parse(request.RequestId), violations);
        violations.ThrowIfAny();

        if (laCode is not null) context.RequireLocalAuthority(laCode);
        else if (context.GetCallingPartner() is { ActsForEveryone: false } partner)
            throw new PermissionDeniedException(EveryLocalAuthority,
                $"The partner '{partner.Name}' does not act for every local authority: run the round for each LA it acts for (local_authority).");
        return (new RoundRequest(laCode, request.AcademicYear, (AssessmentRound)request.Round, date), requestId);
    }

    public static RunAssessmentRoundResponse ToMessage(this RoundOutcome outcome) => new()
    {
        CreatedCount = outcome.Created,
        AlreadyAssessedCount = outcome.AlreadyAssessed,
        NotOpenCount = outcome.NotOpen,
        WithoutFrameworkCount = outcome.WithoutFramework,
        LocalAuthoritiesWithoutFramework = { outcome.LocalAuthoritiesWithoutFramework },
    };

    private static T? Checked<T>(Func<T> read, Violations violations)
    {
        try
        {
            return read();
        }
        catch (ValidationFailedException e)
        {
            foreach (var v in e.Violations) violations.Add(v.Field, v.Description);
            return default;
        }
    }
}
