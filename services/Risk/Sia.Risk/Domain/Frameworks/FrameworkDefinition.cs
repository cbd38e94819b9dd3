namespace Sia.Risk.Domain.Frameworks;

/// <summary>
/// What an LA's framework says, as data: its criteria, its categories best first, the category a school gets when no rule
/// gives one, and its rules in order.
/// </summary>
internal sealed record FrameworkDefinition(
    IReadOnlyList<CriterionDefinition> Criteria,
    IReadOnlyList<CategoryDefinition> Categories,
    string DefaultCategory,
    IReadOnlyList<RuleDefinition> Rules)
{
    public static readonly FrameworkDefinition Empty = new([], [], "", []);

    /// <summary>The category's position, 0 for the best.</summary>
    public int RankOf(string category) => Categories.Select(c => c.Id).ToList().IndexOf(category);

    public CategoryDefinition Category(string id) => Categories.Single(c => c.Id == id);
}

/// <summary>A criterion: an officer's professional judgement when <paramref name="IndicatorTest"/> is null.</summary>
internal sealed record CriterionDefinition(string Id, string Title, string Description, IndicatorTest? IndicatorTest);

internal sealed record CategoryDefinition(string Id, string Label, string Description);

/// <summary>Fires when every condition holds (no conditions: always), and gives its outcome.</summary>
internal sealed record RuleDefinition(string Id, string Description, IReadOnlyList<Condition> Conditions, RuleOutcome Outcome);

/// <summary>What a fired rule gives: a category id or null, at risk, a reason for concern (None for none).</summary>
internal sealed record RuleOutcome(string? Category, bool AtRisk, CausingConcern CausingConcern)
{
    public bool GivesAnything => Category is not null || AtRisk || CausingConcern > CausingConcern.None;
}
