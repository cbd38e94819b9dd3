using System.Buffers.Binary;
using Google.Protobuf;
using Grpc.Net.Client;
using Npgsql;
using Sia.Risk.V1;

namespace Sia.Bench.Risk;

/// <summary>
/// The requests h2load sends, one per connection, each for another LA, as gRPC frames: ListAssessments (an LA's category 1
/// schools, 50 a page) in its default view (BASIC: no criteria or fired rules) and in the FULL view, and, for the
/// baseline, GetFramework (the LA's framework, one row); and a typed check of the answers (h2load sees only HTTP
/// statuses, and a gRPC error is HTTP 200 too).
/// </summary>
internal static class ListRequests
{
    public const int PageSize = 50;

    public static async Task<int> WriteAsync(string directory, string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var codes = await RiskSetup.LaCodesAsync(connection);
        if (count < 1 || count > codes.Count) throw new BenchException($"COUNT must be 1-{codes.Count} (one request per LA at most), not {count}.");
        Directory.CreateDirectory(directory);
        for (var k = 0; k < count; k++)
        {
            var la = codes[k * 7 % codes.Count];
            var list = new ListAssessmentsRequest
            {
                Parent = "schools/-",
                LocalAuthority = $"localAuthorities/{la}",
                AcademicYear = RiskSetup.AcademicYear,
                Round = Assessment.Types.Round.Annual,
                Categories = { "1" },
                PageSize = PageSize,
            };
            WriteFrame(Path.Combine(directory, $"list-{k}.bin"), list);
            WriteFrame(Path.Combine(directory, $"listfull-{k}.bin"), new ListAssessmentsRequest(list) { View = AssessmentView.Full });
            WriteFrame(Path.Combine(directory, $"get-{k}.bin"), new GetFrameworkRequest { Name = $"localAuthorities/{la}/frameworks/2015-16" });
        }
        return 0;
    }

    public static async Task<int> CheckAsync(string url, string method, IEnumerable<string> files)
    {
        using var channel = GrpcChannel.ForAddress(url);
        foreach (var file in files)
        {
            var frame = File.ReadAllBytes(file);
            if (frame.Length < 5 || frame[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(1)) != frame.Length - 5)
                throw new BenchException($"{file} is not one uncompressed gRPC frame.");
            var message = frame.AsSpan(5).ToArray();
            switch (method)
            {
                case "list" or "listfull":
                {
                    var request = ListAssessmentsRequest.Parser.ParseFrom(message);
                    var response = await new AssessmentService.AssessmentServiceClient(channel).ListAssessmentsAsync(request, deadline: DateTime.UtcNow.AddSeconds(30));
                    var full = request.View == AssessmentView.Full;
                    var wrong = response.Assessments.Count(a => a.LocalAuthority != request.LocalAuthority || a.Result.Category != "1"
                        || a.Result.CategoryLabel.Length == 0 || (a.Result.Criteria.Count > 0) != full);
                    if (response.Assessments.Count != PageSize || wrong > 0 || response.NextPageToken.Length == 0)
                        throw new BenchException($"{request.LocalAuthority}: {response.Assessments.Count} assessments ({wrong} outside the filter or the view), next page token '{response.NextPageToken}'; expected a full page and a next page.");
                    Console.WriteLine($"{request.LocalAuthority}, category 1, {(full ? "full" : "basic")}: {response.Assessments.Count} assessments, {response.Assessments[0].School}..{response.Assessments[^1].School} ({response.CalculateSize()} bytes)");
                    break;
                }
                case "get":
                {
                    var request = GetFrameworkRequest.Parser.ParseFrom(message);
                    var framework = await new FrameworkService.FrameworkServiceClient(channel).GetFrameworkAsync(request, deadline: DateTime.UtcNow.AddSeconds(30));
                    if (framework.Name != request.Name) throw new BenchException($"asked for {request.Name}, got {framework.Name}.");
                    Console.WriteLine($"{request.Name}: {framework.CalculateSize()} bytes");
                    break;
                }
                default:
                    throw new BenchException($"unknown method '{method}': list, listfull or get.");
            }
        }
        return 0;
    }

    private static void WriteFrame(string path, IMessage message)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        File.WriteAllBytes(path, frame);
    }
}
