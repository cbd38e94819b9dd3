using CsCheck;
using Sia.Risk.Data;
using Sia.Risk.Demo;
using Sia.Risk.Domain.Assessments;

namespace Sia.Risk.Tests;

/// <summary>A framework stored as jsonb comes back the same: same document, same results.</summary>
public sealed class FrameworkJsonTests
{
    [Fact]
    public void Every_generated_framework_comes_back_from_its_json_giving_the_same_results()
    {
        RiskGenerators.Assessments.Sample((framework, facts) =>
        {
            var json = FrameworkJson.Serialize(framework);
            var back = FrameworkJson.Deserialize(json);
            var (before, after) = (RiskEvaluator.Evaluate(framework, facts), RiskEvaluator.Evaluate(back, facts));
            return FrameworkJson.Serialize(back) == json
                && before.Category == after.Category && before.AtRisk == after.AtRisk && before.CausingConcern == after.CausingConcern
                && before.FiredRules.SelectMany(r => r.Facts).SequenceEqual(after.FiredRules.SelectMany(r => r.Facts));
        }, iter: 1_000);
    }

    [Fact]
    public void A_condition_whose_kind_comes_after_its_fields_reads_back_as_PostgreSQL_jsonb_orders_keys_shortest_first()
    {
        var json = FrameworkJson.Serialize(YorkFramework.Definition)
            .Replace("{\"kind\":\"criteria_met\",\"at_least\":3,\"criteria\":[]}", "{\"criteria\":[],\"at_least\":3,\"kind\":\"criteria_met\"}", StringComparison.Ordinal);

        var back = FrameworkJson.Deserialize(json);

        Assert.Contains("criteria\":[],\"at_least", json);
        Assert.Equal(FrameworkJson.Serialize(YorkFramework.Definition), FrameworkJson.Serialize(back));
    }

    [Fact]
    public void Conditions_are_tagged_by_kind()
    {
        var json = FrameworkJson.Serialize(YorkFramework.Definition);

        Assert.Contains("\"kind\":\"category_of_concern_in\",\"categories\":[\"special_measures\"]", json);
        Assert.Contains("\"kind\":\"criteria_met\",\"at_least\":3,\"criteria\":[]", json);
    }
}
