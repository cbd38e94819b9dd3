using Google.Protobuf.WellKnownTypes;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Data;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Frameworks;
using Sia.Risk.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;
using Condition = Sia.Risk.Domain.Frameworks.Condition;
using DomainCausingConcern = Sia.Risk.Domain.CausingConcern;
using IndicatorTest = Sia.Risk.Domain.Frameworks.IndicatorTest;
using RegistryInspection = Sia.Registry.V1.Inspection;
using Sia.Contracts.Ofsted;

namespace Sia.Risk.Grpc.Mapping;

/// <summary>Frameworks between the API's messages and the domain's records; the shape checks the domain can't make (a oneof left unset) on the way in.</summary>
internal static class FrameworkMapping
{
    public static readonly UpdateMask<FrameworkContent> UpdatableFields = new(new Dictionary<string, Func<FrameworkContent, FrameworkContent, FrameworkContent>>
    {
        ["display_name"] = (requested, current) => current with { DisplayName = requested.DisplayName },
        ["criteria"] = (requested, current) => current with { Definition = current.Definition with { Criteria = requested.Definition.Criteria } },
        ["categories"] = (requested, current) => current with { Definition = current.Definition with { Categories = requested.Definition.Categories } },
        ["default_category"] = (requested, current) => current with { Definition = current.Definition with { DefaultCategory = requested.Definition.DefaultCategory } },
        ["rules"] = (requested, current) => current with { Definition = current.Definition with { Rules = requested.Definition.Rules } },
    });

    public static Framework ToMessage(this FrameworkEntity draft) =>
        Message(new FrameworkName(draft.LaCode, draft.AcademicYear).Draft, draft, draft.DisplayName, draft.Definition, 0, draft.UpdateTime);

    public static Framework ToMessage(this FrameworkRevisionEntity revision, FrameworkEntity framework) =>
        Message(new FrameworkName(framework.LaCode, framework.AcademicYear, revision.Revision).ToString(), framework, revision.DisplayName, revision.Definition,
            revision.Revision, revision.PublishTime);

    private static Framework Message(string name, FrameworkEntity framework, string displayName, FrameworkDefinition definition, int revision, DateTime updateTime)
    {
        var message = new Framework
        {
            Name = name,
            AcademicYear = framework.AcademicYear,
            DisplayName = displayName,
            DefaultCategory = definition.DefaultCategory,
            PublishedRevision = framework.PublishedRevision,
            Revision = revision,
            HasUnpublishedChanges = framework.HasUnpublishedChanges,
            CreateTime = Timestamp.FromDateTime(DateTime.SpecifyKind(framework.CreateTime, DateTimeKind.Utc)),
            UpdateTime = Timestamp.FromDateTime(DateTime.SpecifyKind(updateTime, DateTimeKind.Utc)),
            Etag = revision == 0 ? Etag.From(framework.Version) : "",
        };
        message.Criteria.AddRange(definition.Criteria.Select(ToMessage));
        message.Categories.AddRange(definition.Categories.Select(c => new Category { Id = c.Id, Label = c.Label, Description = c.Description }));
        message.Rules.AddRange(definition.Rules.Select(ToMessage));
        return message;
    }

    private static Criterion ToMessage(CriterionDefinition criterion)
    {
        var message = new Criterion { Id = criterion.Id, Title = criterion.Title, Description = criterion.Description };
        if (criterion.IndicatorTest is { } test)
        {
            message.IndicatorTest = new V1.IndicatorTest
            {
                Indicator = test.Indicator,
                Comparison = (V1.IndicatorTest.Types.Comparison)test.Comparison,
                Threshold = test.Threshold,
                OtherIndicator = test.OtherIndicator ?? "",
                LookbackYears = test.LookbackYears,
            };
        }
        else
        {
            message.ProfessionalJudgement = new ProfessionalJudgement();
        }
        return message;
    }

    private static Rule ToMessage(RuleDefinition rule)
    {
        var message = new Rule
        {
            Id = rule.Id,
            Description = rule.Description,
            Outcome = new Outcome { Category = rule.Outcome.Category ?? "", AtRisk = rule.Outcome.AtRisk, CausingConcern = (V1.CausingConcern)rule.Outcome.CausingConcern },
        };
        message.Conditions.AddRange(rule.Conditions.Select(ToMessage));
        return message;
    }

    private static V1.Condition ToMessage(Condition condition) => condition switch
    {
        OverallGradeIn c => new V1.Condition { OverallGradeIn = new GradeSet { Grades = { c.Grades } } },
        KeyJudgementIn c => new V1.Condition { KeyJudgement = new KeyJudgementTest { Judgement = c.Judgement ?? "", Grades = { c.Grades } } },
        ReportCardAtOrBelow c => new V1.Condition { ReportCardArea = new ReportCardTest { Area = c.Area ?? "", AtOrBelow = (RegistryInspection.Types.ReportCardGrade)c.Grade } },
        CategoryOfConcernIn c => new V1.Condition { CategoryOfConcernIn = new ConcernSet { Categories = { c.Categories.Select(x => (RegistryInspection.Types.CategoryOfConcern)x) } } },
        SafeguardingNotMet => new V1.Condition { SafeguardingNotMet = true },
        NeverInspected => new V1.Condition { NeverInspected = true },
        InspectedMoreThanMonthsAgo c => new V1.Condition { InspectedMoreThanMonthsAgo = c.Months },
        CriteriaMet c => new V1.Condition { CriteriaMet = new CriteriaTest { AtLeast = c.AtLeast, Criteria = { c.Criteria } } },
        WarningNoticeIssued => new V1.Condition { WarningNoticeIssued = true },
        _ => throw new InvalidOperationException($"The API has no condition for {condition.GetType().Name}."),
    };

    /// <summary>The framework a request gives, with what its shape gets wrong added to <paramref name="violations"/>.</summary>
    public static FrameworkContent ToContent(this Framework message, string prefix, Violations violations) => new(
        message.DisplayName,
        new FrameworkDefinition(
            [.. message.Criteria.Select((c, i) => ToDomain(c, $"{prefix}.criteria[{i}]", violations))],
            [.. message.Categories.Select(c => new CategoryDefinition(c.Id, c.Label, c.Description))],
            message.DefaultCategory,
            [.. message.Rules.Select((r, i) => ToDomain(r, $"{prefix}.rules[{i}]", violations))]));

    private static CriterionDefinition ToDomain(Criterion criterion, string field, Violations violations)
    {
        IndicatorTest? test = null;
        switch (criterion.SourceCase)
        {
            case Criterion.SourceOneofCase.IndicatorTest:
                var t = criterion.IndicatorTest;
                if (t.Comparison == V1.IndicatorTest.Types.Comparison.Unspecified || !System.Enum.IsDefined(t.Comparison))
                    violations.Add($"{field}.indicator_test.comparison", "Say how the indicator is tested: below a threshold, below national by more than, or a gap wider than.");
                test = new IndicatorTest(t.Indicator, (IndicatorComparison)t.Comparison, t.Threshold, t.OtherIndicator.Length == 0 ? null : t.OtherIndicator, t.LookbackYears);
                break;
            case Criterion.SourceOneofCase.ProfessionalJudgement:
                break;
            default:
                violations.Add($"{field}.source", "Say whether an officer judges the criterion (professional_judgement) or an indicator decides it (indicator_test).");
                break;
        }
        return new CriterionDefinition(criterion.Id, criterion.Title, criterion.Description, test);
    }

    private static RuleDefinition ToDomain(Rule rule, string field, Violations violations)
    {
        var outcome = rule.Outcome ?? new Outcome();
        if (!System.Enum.IsDefined(outcome.CausingConcern))
            violations.Add($"{field}.outcome.causing_concern", $"{(int)outcome.CausingConcern} is not a reason for concern.");
        var concern = outcome.CausingConcern == V1.CausingConcern.Unspecified ? DomainCausingConcern.None : (DomainCausingConcern)outcome.CausingConcern;
        var conditions = rule.Conditions.Select((c, i) => ToDomain(c, $"{field}.conditions[{i}]", violations)).OfType<Condition>().ToList();
        return new RuleDefinition(rule.Id, rule.Description, conditions, new RuleOutcome(outcome.Category.Length == 0 ? null : outcome.Category, outcome.AtRisk, concern));
    }

    private static Condition? ToDomain(V1.Condition condition, string field, Violations violations)
    {
        switch (condition.TestCase)
        {
            case V1.Condition.TestOneofCase.OverallGradeIn:
                return new OverallGradeIn([.. condition.OverallGradeIn.Grades]);
            case V1.Condition.TestOneofCase.KeyJudgement:
                var judgement = condition.KeyJudgement;
                return new KeyJudgementIn(judgement.Judgement.Length == 0 ? null : judgement.Judgement, [.. judgement.Grades]);
            case V1.Condition.TestOneofCase.ReportCardArea:
                var area = condition.ReportCardArea;
                if (area.AtOrBelow == RegistryInspection.Types.ReportCardGrade.Unspecified || !System.Enum.IsDefined(area.AtOrBelow))
                    violations.Add($"{field}.report_card_area.at_or_below", "Name the grade, from exceptional to urgent improvement, at or below which the condition holds.");
                return new ReportCardAtOrBelow(area.Area.Length == 0 ? null : area.Area, (ReportCardGrade)area.AtOrBelow);
            case V1.Condition.TestOneofCase.CategoryOfConcernIn:
                var categories = condition.CategoryOfConcernIn.Categories;
                if (categories.Any(c => c == RegistryInspection.Types.CategoryOfConcern.Unspecified || !System.Enum.IsDefined(c)))
                    violations.Add($"{field}.category_of_concern_in.categories", "Categories are none, serious weaknesses and special measures.");
                return new CategoryOfConcernIn([.. categories.Select(c => (CategoryOfConcern)c).Distinct()]);
            case V1.Condition.TestOneofCase.SafeguardingNotMet when condition.SafeguardingNotMet:
                return new SafeguardingNotMet();
            case V1.Condition.TestOneofCase.NeverInspected when condition.NeverInspected:
                return new NeverInspected();
            case V1.Condition.TestOneofCase.WarningNoticeIssued when condition.WarningNoticeIssued:
                return new WarningNoticeIssued();
            case V1.Condition.TestOneofCase.SafeguardingNotMet or V1.Condition.TestOneofCase.NeverInspected or V1.Condition.TestOneofCase.WarningNoticeIssued:
                violations.Add(field, "A yes/no condition is set to true; leave it out rather than set it to false.");
                return null;
            case V1.Condition.TestOneofCase.InspectedMoreThanMonthsAgo:
                return new InspectedMoreThanMonthsAgo(condition.InspectedMoreThanMonthsAgo);
            case V1.Condition.TestOneofCase.CriteriaMet:
                return new CriteriaMet(condition.CriteriaMet.AtLeast, [.. condition.CriteriaMet.Criteria]);
            default:
                violations.Add(field, "A condition sets one test (overall_grade_in, key_judgement, report_card_area...); this one sets none.");
                return null;
        }
    }
}
