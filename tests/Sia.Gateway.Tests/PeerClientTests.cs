using Sia.Registry.V1;
using Sia.Testing;

namespace Sia.Gateway.Tests;

/// <summary>
/// Partner systems written with gRPC libraries we did not write, Python grpcio (C-core) and grpc-js, calling the registry
/// through the gateway with a partner key: unary calls, paging, a rich error read from grpc-status-details-bin, a retried
/// create, a server stream resumed from its token and a client-streaming import (tests/peers/*/registry_client.*).
/// </summary>
public sealed class PeerClientTests(GatewayStack stack) : IClassFixture<GatewayStack>
{
    private static readonly string GiasExtract = RepoPaths.Combine("tests", "Sia.Registry.Gias.Tests", "Fixtures", "edubasealldata20240105.csv");

    public static TheoryData<string, string> Peers => new()
    {
        { PeerProcess.Python, RepoPaths.Combine("tests", "peers", "python", "registry_client.py") },
        { "node", RepoPaths.Combine("tests", "peers", "node", "registry_client.js") },
    };

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task A_peer_calls_every_kind_of_method_through_the_gateway(string runtime, string script)
    {
        var (lead, member, alliance) = await CreateAllianceAsync();

        var (exitCode, output) = await PeerProcess.RunAsync(runtime,
            [script, $"--address={stack.Gateway.Address.Authority}", $"--key={TestPartners.FullKey}", $"--school={lead.Name}",
             $"--alliance={alliance.Name}", $"--gias={GiasExtract}"],
            TimeSpan.FromSeconds(90));

        Assert.True(exitCode == 0, output);
        Assert.Contains($"school {lead.Name} {lead.Laestab} {lead.DisplayName}\n", output);
        Assert.Contains($"alliance_members {lead.Name},{member.Name}\n", output);
        Assert.Contains("invalid_argument name: 'schools/12' is not a school name", output);
        Assert.Contains("retried_create SAME\n", output);
        Assert.Contains($"watch_saw {lead.Name}\n", output);
        Assert.Contains("watch_resumed SAME\n", output);
        var imports = output.Split('\n').Where(line => line.StartsWith("import ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, imports.Count);
        // The fixture has six schools and one bad row; another peer's run may have imported them already.
        Assert.Contains(imports[0], new[] { "import created=6 updated=0 unchanged=0 rejected=1", "import created=0 updated=0 unchanged=6 rejected=1" });
        Assert.Equal("import created=0 updated=0 unchanged=6 rejected=1", imports[1]);
    }

    private async Task<(School Lead, School Member, Alliance Alliance)> CreateAllianceAsync()
    {
        using var channel = stack.CreateChannel();
        var key = TestPartners.Bearer(TestPartners.FullKey);
        var schools = new SchoolService.SchoolServiceClient(channel);
        // Above the demo schools' establishment numbers, which York's LAESTABs already use.
        var lead = await schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816", establishmentNumber: 5000 + TestData.NewUrn() % 4000) }, key);
        var member = await schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816", establishmentNumber: 5000 + TestData.NewUrn() % 4000) }, key);
        var alliances = new AllianceService.AllianceServiceClient(channel);
        var alliance = await alliances.CreateAllianceAsync(new CreateAllianceRequest
        {
            AllianceId = $"peer-{lead.Urn}",
            Alliance = new Alliance { DisplayName = "Peer client alliance", Kind = Alliance.Types.Kind.TeachingSchoolHub, LeadSchool = lead.Name },
        }, key);
        foreach (var school in new[] { lead, member })
        {
            await alliances.CreateAllianceMembershipAsync(new CreateAllianceMembershipRequest
            {
                Parent = alliance.Name,
                AllianceMembership = new AllianceMembership { School = school.Name, JoinDate = new Google.Type.Date { Year = 2021, Month = 9, Day = 1 } },
            }, key);
        }
        return (lead, member, alliance);
    }
}
