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
    [InlineData("")]
    [InlineData("sia.registry.v1.")]
    [InlineData("sia.*.v1")]
    [InlineData("sia.registry.v1.SchoolService/GetSchool")]
    [InlineData("/sia.registry.v1.SchoolService/")]
    [InlineData("/sia.registry.v1.SchoolService/*")]
    [InlineData("sia registry")]
    public void A_scope_that_is_none_of_the_forms_does_not_parse(string scope) => Assert.False(PartnerScope.TryParse(scope, out _));

    private static PartnerScope Parse(string text) => PartnerScope.TryParse(text, out var scope) ? scope : throw new ArgumentException(text);
}
