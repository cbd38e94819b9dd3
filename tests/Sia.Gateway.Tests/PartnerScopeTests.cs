using Sia.Gateway.Partners;

namespace Sia.Gateway.Tests;

public sealed class PartnerScopeTests
{
    [Theory]
    [InlineData("*", "/sia.finance.v1.FundService/GetFund", true)]
    [InlineData("sia.registry.v1.*", "/sia.registry.v1.SchoolService/GetSchool", true)]
    [InlineData("sia.registry.*", "/sia.registry.v1.SchoolService/GetSchool", true)]
    [InlineData("sia.registry.v1.*", "/sia.registry.v1beta.SchoolService/GetSchool", false)]
    [InlineData("sia.registry.v1.*", "/sia.finance.v1.FundService/GetFund", false)]
    [InlineData("sia.registry.v1.SchoolService", "/sia.registry.v1.SchoolService/ListSchools", true)]
    [InlineData("sia.registry.v1.SchoolService", "/sia.registry.v1.SchoolServiceAdmin/ListSchools", false)]
    [InlineData("sia.registry.v1.SchoolService", "/sia.registry.v1.ClusterService/ListClusters", false)]
    [InlineData("/sia.registry.v1.SchoolService/GetSchool", "/sia.registry.v1.SchoolService/GetSchool", true)]
    [InlineData("/sia.registry.v1.SchoolService/GetSchool", "/sia.registry.v1.SchoolService/GetSchoolX", false)]
    [InlineData("/sia.registry.v1.SchoolService/GetSchool", "/sia.registry.v1.SchoolService/UpdateSchool", false)]
    [InlineData("sia.registry.v1.SchoolService", "/sia.registry.v1.SchoolService/GetSchool/extra", false)]
    public void A_scope_covers_its_package_service_or_method_and_nothing_else(string scope, string path, bool allowed)
    {
        Assert.True(PartnerScope.TryParse(scope, out var parsed));

        Assert.Equal(allowed, parsed.Allows(path));
    }

    [Theory]
    [InlineData("sia.risk.v1.*:read", "/sia.risk.v1.AssessmentService/GetAssessment", true)]
    [InlineData("sia.risk.v1.*:read", "/sia.risk.v1.AssessmentService/ListAssessments", true)]
    [InlineData("sia.risk.v1.*:read", "/sia.risk.v1.AssessmentService/SummarizeAssessments", true)]
    [InlineData("sia.risk.v1.*:read", "/sia.risk.v1.NotificationService/WatchNotifications", true)]
    [InlineData("sia.risk.v1.*:read", "/sia.risk.v1.AssessmentService/CreateAssessment", false)]
    [InlineData("sia.risk.v1.*:read", "/sia.risk.v1.NotificationService/AcknowledgeNotification", false)]
    [InlineData("sia.risk.v1.*:read", "/sia.risk.v1.IndicatorImportService/ImportIndicators", false)]
    [InlineData("sia.risk.v1.*:read", "/sia.registry.v1.SchoolService/GetSchool", false)]
    [InlineData("sia.risk.v1.*:read", "/sia.risk.v1.AssessmentService/GetUnknownThing", false)]
    [InlineData("sia.risk.v1.*:write", "/sia.risk.v1.AssessmentService/CreateAssessment", true)]
    [InlineData("sia.risk.v1.*:write", "/sia.risk.v1.FrameworkService/PublishFramework", true)]
    [InlineData("sia.risk.v1.*:write", "/sia.risk.v1.AssessmentService/ListAssessments", false)]
    [InlineData("*:read", "/sia.registry.v1.SchoolService/ListSchools", true)]
    [InlineData("*:read", "/sia.registry.v1.SchoolService/UpdateSchool", false)]
    [InlineData("/sia.risk.v1.AssessmentService/ListAssessments:write", "/sia.risk.v1.AssessmentService/ListAssessments", false)]
    public void A_read_scope_covers_the_methods_without_side_effects_and_a_write_scope_the_others(string scope, string path, bool allowed) =>
        Assert.Equal(allowed, Parse(scope).Allows(path));

    [Theory]
    [InlineData("")]
    [InlineData("sia.risk.v1.*:")]
    [InlineData("sia.risk.v1.*:admin")]
    [InlineData(":read")]
    [InlineData("sia.risk.v1.*:read:write")]
    [InlineData("sia.registry.v1.")]
    [InlineData("sia.*.v1")]
    [InlineData("sia.registry.v1.SchoolService/GetSchool")]
    [InlineData("/sia.registry.v1.SchoolService/")]
    [InlineData("/sia.registry.v1.SchoolService/*")]
    [InlineData("sia registry")]
    public void A_scope_that_is_none_of_the_forms_does_not_parse(string scope) => Assert.False(PartnerScope.TryParse(scope, out _));

    private static PartnerScope Parse(string text) => PartnerScope.TryParse(text, out var scope) ? scope : throw new ArgumentException(text);
}
