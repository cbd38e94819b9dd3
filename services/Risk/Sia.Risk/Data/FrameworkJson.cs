using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Sia.Risk.Domain.Frameworks;

namespace Sia.Risk.Data;

/// <summary>
/// How frameworks, judgements and results are stored: jsonb documents in snake_case, each condition tagged by its kind.
/// The tags are part of the stored format: renaming a condition type keeps its tag.
/// </summary>
internal static class FrameworkJson
{
    private static readonly (Type Type, string Tag)[] ConditionKinds =
    [
        (typeof(OverallGradeIn), "overall_grade_in"),
        (typeof(KeyJudgementIn), "key_judgement"),
        (typeof(ReportCardAtOrBelow), "report_card_area"),
        (typeof(CategoryOfConcernIn), "category_of_concern_in"),
        (typeof(SafeguardingNotMet), "safeguarding_not_met"),
        (typeof(NeverInspected), "never_inspected"),
        (typeof(InspectedMoreThanMonthsAgo), "inspected_more_than_months_ago"),
        (typeof(CriteriaMet), "criteria_met"),
        (typeof(WarningNoticeIssued), "warning_notice_issued"),
    ];

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // jsonb keeps an object's keys in its own order (shortest first), so "kind" may come after a condition's fields.
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { TagConditions } },
    };

    public static string Serialize(FrameworkDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static FrameworkDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<FrameworkDefinition>(json, Options) ?? throw new JsonException("A stored framework is null.");

    private static void TagConditions(JsonTypeInfo type)
    {
        if (type.Type != typeof(Condition)) return;
        type.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization };
        foreach (var (kind, tag) in ConditionKinds) type.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(kind, tag));
    }
}
