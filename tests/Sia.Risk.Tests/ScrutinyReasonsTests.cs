using Sia.Risk.Demo;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Assessments;
using Sia.Risk.Domain.Notifications;
using Sia.Contracts.Ofsted;

namespace Sia.Risk.Tests;

/// <summary>What scrutiny is told of: only what a school enters, against its previous published result.</summary>
public sealed class ScrutinyReasonsTests
{
    private static IReadOnlyList<NotificationReason> Reasons(InspectionFacts? inspection, bool warningNotice = false) =>
        ScrutinyReasons.Of(RiskEvaluator.Evaluate(YorkFramework.Definition, Facts.Autumn2015(inspection) with { WarningNoticeIssued = warningNotice }), YorkFramework.Definition);

    [Fact]
    public void Special_measures_is_special_measures_and_the_lowest_category()
    {
        Assert.Equal([NotificationReason.SpecialMeasures, NotificationReason.LowestCategory],
            Reasons(Facts.Inspection(4, concern: CategoryOfConcern.SpecialMeasures)));
    }

    [Fact]
    public void A_school_already_in_special_measures_enters_nothing_new_and_a_first_publication_enters_all_it_shows()
    {
        var specialMeasures = Reasons(Facts.Inspection(4, concern: CategoryOfConcern.SpecialMeasures));

        Assert.Empty(ScrutinyReasons.Entered(specialMeasures, specialMeasures));
        Assert.Equal(specialMeasures, ScrutinyReasons.Entered(specialMeasures, null));
        Assert.Equal([NotificationReason.WarningNotice, NotificationReason.LowestCategory], // York puts a warning notice in category 4
            ScrutinyReasons.Entered(Reasons(Facts.Inspection(3), warningNotice: true), Reasons(Facts.Inspection(3))));
        Assert.Empty(ScrutinyReasons.Entered(Reasons(Facts.Inspection(2)), null));
    }
}
