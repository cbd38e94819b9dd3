using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Sia.Risk.Demo;
using Sia.Risk.Grpc.Mapping;
using Sia.Risk.V1;
using Sia.Testing;
using RegistryV1 = Sia.Registry.V1;

namespace Sia.Risk.Tests;

/// <summary>Schools and inspections recorded in a <see cref="RiskStack"/>'s registry, with York's framework published for their LA.</summary>
internal static class RiskStackSchools
{
    /// <summary>
    /// A school of LA <paramref name="la"/> with an inspection graded <paramref name="grade"/> (and <paramref name="concern"/>)
    /// in March 2014, York's framework published for the LA, and the copy caught up.
    /// </summary>
    public static async Task<int> SchoolAsync(this RiskStack stack, string la, int grade,
        RegistryV1.Inspection.Types.CategoryOfConcern concern = RegistryV1.Inspection.Types.CategoryOfConcern.None)
    {
        var registry = stack.Registry.CreateChannel();
        await TestData.EnsureLocalAuthorityAsync(new RegistryV1.LocalAuthorityService.LocalAuthorityServiceClient(registry), la, $"LA {la}");
        var school = await new RegistryV1.SchoolService.SchoolServiceClient(registry).CreateSchoolAsync(new RegistryV1.CreateSchoolRequest { School = TestData.School(la) });
        await stack.InspectAsync(school.Urn, new Google.Type.Date { Year = 2014, Month = 3, Day = 5 }, grade, concern);
        var frameworks = new FrameworkService.FrameworkServiceClient(stack.CreateChannel());
        try
        {
            var york = new Data.FrameworkEntity { LaCode = la, DisplayName = YorkFramework.DisplayName, Definition = YorkFramework.Definition }.ToMessage();
            var draft = await frameworks.CreateFrameworkAsync(new CreateFrameworkRequest { Parent = $"localAuthorities/{la}", FrameworkId = "2015-16", Framework = york });
            await frameworks.PublishFrameworkAsync(new PublishFrameworkRequest { Name = draft.Name });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
        }
        await Until.TrueAsync(async () => await FindInCopyAsync(stack, school.Urn), "the risk service to copy the school and its inspection");
        return school.Urn;
    }

    public static async Task InspectAsync(this RiskStack stack, int urn, Google.Type.Date date, int grade, RegistryV1.Inspection.Types.CategoryOfConcern concern) =>
        await new RegistryV1.InspectionService.InspectionServiceClient(stack.Registry.CreateChannel()).CreateInspectionAsync(new RegistryV1.CreateInspectionRequest
        {
            Parent = $"schools/{urn}",
            Inspection = new RegistryV1.Inspection
            {
                InspectionDate = date,
                Framework = RegistryV1.Inspection.Types.Framework.CommonInspectionFramework2015,
                OverallGrade = grade,
                KeyJudgements = { ["leadership_and_management"] = grade },
                CategoryOfConcern = concern,
            },
        });

    /// <summary>Whether the copy holds the school with an inspection: an assessment's result names one.</summary>
    private static async Task<bool> FindInCopyAsync(RiskStack stack, int urn)
    {
        await using var copy = new Data.RiskDbContext(new DbContextOptionsBuilder<Data.RiskDbContext>().UseNpgsql(stack.RiskDatabase).Options);
        return await copy.RegistryInspections.AnyAsync(i => i.Urn == urn);
    }
}
