using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using Sia.Risk.V1;

namespace Sia.Bench.Risk;

/// <summary>The round over every LA, timed; and the baseline, every assessment it made read back with ListAssessments.</summary>
internal static class Round
{
    public static async Task<int> RunAsync(string url)
    {
        using var channel = GrpcChannel.ForAddress(url);
        var clock = Stopwatch.StartNew();
        var outcome = await new AssessmentService.AssessmentServiceClient(channel).RunAssessmentRoundAsync(new RunAssessmentRoundRequest
        {
            LocalAuthority = "localAuthorities/-",
            AcademicYear = RiskSetup.AcademicYear,
            Round = Assessment.Types.Round.Annual,
            AssessmentDate = new Google.Type.Date { Year = 2015, Month = 10, Day = 1 },
            RequestId = Guid.NewGuid().ToString(),
        }, deadline: DateTime.UtcNow.AddMinutes(10));
        var seconds = clock.Elapsed.TotalSeconds;
        if (outcome.CreatedCount == 0) throw new BenchException($"the round created nothing: {outcome}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {seconds:F2} {outcome.CreatedCount} {outcome.AlreadyAssessedCount} {outcome.NotOpenCount} {outcome.WithoutFrameworkCount}"));
        return 0;
    }

    public static async Task<int> ScanAsync(string url)
    {
        using var channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        var client = new AssessmentService.AssessmentServiceClient(channel);
        var clock = Stopwatch.StartNew();
        var (count, token) = (0, "");
        do
        {
            var page = await client.ListAssessmentsAsync(new ListAssessmentsRequest
            {
                Parent = "schools/-",
                AcademicYear = RiskSetup.AcademicYear,
                Round = Assessment.Types.Round.Annual,
                PageSize = 200,
                PageToken = token,
            }, deadline: DateTime.UtcNow.AddMinutes(1));
            count += page.Assessments.Count;
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scan {clock.Elapsed.TotalSeconds:F2} {count}"));
        return 0;
    }
}
