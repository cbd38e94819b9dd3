using Google.Protobuf.WellKnownTypes;
using Date = Google.Type.Date;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Data;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Assessments;
using Sia.Risk.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;
using CriterionJudgement = Sia.Risk.Domain.Assessments.CriterionJudgement;
using CriterionResult = Sia.Risk.Domain.Assessments.CriterionResult;
using FiredRule = Sia.Risk.Domain.Assessments.FiredRule;
using InspectionDue = Sia.Risk.Domain.Assessments.InspectionDue;

namespace Sia.Risk.Grpc.Mapping;

/// <summary>Assessments between the API's messages and the domain's records.</summary>
internal static class AssessmentMapping
{
    public static readonly UpdateMask<AssessmentInput> UpdatableFields = new(new Dictionary<string, Func<AssessmentInput, AssessmentInput, AssessmentInput>>
    {
        ["judgements"] = (requested, current) => current with { Judgements = requested.Judgements },
        ["warning_notice_issued"] = (requested, current) => current with { WarningNoticeIssued = requested.WarningNoticeIssued },
        ["assessment_date"] = (requested, current) => current with { AssessmentDate = requested.AssessmentDate },
    });

    public static AssessmentName NameOf(this AssessmentEntity entity) => new(entity.Urn, entity.AcademicYear, entity.Round);

    public static Assessment ToMessage(this AssessmentEntity entity)
    {
        var name = entity.NameOf();
        var message = new Assessment
        {
            Name = entity.IsLatest ? name.Latest : name.AtVersion(entity.VersionNumber).ToString(),
            School = ResourceNames.School(entity.Urn),
            LocalAuthority = ResourceNames.LocalAuthority(entity.LaCode),
            AcademicYear = entity.AcademicYear,
            Round = (Assessment.Types.Round)entity.Round,
            FrameworkRevision = new FrameworkName(entity.LaCode, entity.AcademicYear, entity.FrameworkRevision).ToString(),
            State = (Assessment.Types.State)entity.State,
            WarningNoticeIssued = entity.WarningNoticeIssued,
            AssessmentDate = ToDate(entity.AssessmentDate),
            Result = ToMessage(entity.Result),
            Version = entity.VersionNumber,
            VersionReason = entity.VersionReason,
            CreateTime = Time(entity.CreateTime),
            UpdateTime = Time(entity.UpdateTime),
            PublishTime = entity.PublishTime is { } published ? Time(published) : null,
            Etag = entity.IsLatest ? Etag.From(entity.Version) : "",
        };
        message.Judgements.AddRange(entity.Judgements.Select(j => new V1.CriterionJudgement
        {
            Criterion = j.Criterion,
            Judgement = (V1.CriterionJudgement.Types.Judgement)j.Judgement,
            Evidence = j.Evidence,
        }));
        return message;
    }

    private static Result ToMessage(AssessmentResult result)
    {
        var message = new Result
        {
            Category = result.Category,
            CategoryLabel = result.CategoryLabel,
            AtRisk = result.AtRisk,
            CausingConcern = (V1.CausingConcern)result.CausingConcern,
            InspectionDue = ToMessage(result.InspectionDue),
            LatestInspection = result.LatestInspection ?? "",
        };
        message.Criteria.AddRange(result.Criteria.Select(ToMessage));
        message.FiredRules.AddRange(result.FiredRules.Select(ToMessage));
        return message;
    }

    private static V1.InspectionDue ToMessage(InspectionDue due) => new()
    {
        Earliest = due.Earliest is { } earliest ? ToDate(earliest) : null,
        Latest = due.Latest is { } latest ? ToDate(latest) : null,
        Basis = due.Basis,
    };

    private static V1.CriterionResult ToMessage(CriterionResult criterion) =>
        new() { Criterion = criterion.Criterion, Outcome = (V1.CriterionJudgement.Types.Judgement)criterion.Outcome, Basis = criterion.Basis };

    private static V1.FiredRule ToMessage(FiredRule rule) => new()
    {
        Rule = rule.Rule,
        Description = rule.Description,
        Outcome = new Outcome { Category = rule.Outcome.Category ?? "", AtRisk = rule.Outcome.AtRisk, CausingConcern = (V1.CausingConcern)rule.Outcome.CausingConcern },
        Facts = { rule.Facts },
    };

    /// <summary>What a request gives an assessment, with what its shape gets wrong added to <paramref name="violations"/>.</summary>
    public static AssessmentInput ToInput(this Assessment message, string prefix, Violations violations) => new(
        [.. message.Judgements.Select((j, i) => ToDomain(j, $"{prefix}.judgements[{i}]", violations))],
        message.WarningNoticeIssued,
        ToDateOnly(message.AssessmentDate, $"{prefix}.assessment_date", violations));

    private static CriterionJudgement ToDomain(V1.CriterionJudgement judgement, string field, Violations violations)
    {
        if (!System.Enum.IsDefined(judgement.Judgement))
            violations.Add($"{field}.judgement", $"{(int)judgement.Judgement} is not a judgement: met, not met or not assessed.");
        return new CriterionJudgement(judgement.Criterion, (CriterionOutcome)judgement.Judgement, judgement.Evidence);
    }

    public static DateOnly? ToDateOnly(Date? date, string field, Violations violations)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0)) return null;
        if (date.Year is < 1900 or > 2200 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            violations.Add(field, $"{date.Year:0000}-{date.Month:00}-{date.Day:00} is not a valid date.");
            return null;
        }
        return new DateOnly(date.Year, date.Month, date.Day);
    }

    private static Date ToDate(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    private static Timestamp Time(DateTime time) => Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
