using System.Buffers.Binary;
using Google.Protobuf;
using Grpc.Net.Client;
using Sia.Registry.V1;

namespace Sia.Bench.Registry;

/// <summary>
/// The requests h2load sends, one per connection so that the load is spread over schools and LAs, written as gRPC
/// frames; and a typed check of what the registry answers to them (h2load sees only HTTP statuses).
/// </summary>
internal static class Requests
{
    public const int PageSize = 50;

    public static int Write(string directory, int rows, int count)
    {
        if (count is < 1 or > 20) throw new BenchException($"COUNT must be 1-20 (one request per LA at most), not {count}.");
        Directory.CreateDirectory(directory);
        for (var k = 0; k < count; k++)
        {
            // Schools spread evenly over the extract; LAs taken in a stride that visits all 20 before repeating.
            var urn = SyntheticGias.FirstUrn + (int)((2L * k + 1) * rows / (2 * count));
            var la = SyntheticGias.LaCodes[k * 7 % SyntheticGias.LaCodes.Length];
            WriteFrame(Path.Combine(directory, $"get-{k}.bin"), new GetSchoolRequest { Name = $"schools/{urn}" });
            WriteFrame(Path.Combine(directory, $"list-{k}.bin"), new ListSchoolsRequest
            {
                PageSize = PageSize,
                LocalAuthority = $"localAuthorities/{la}",
                PhaseOfEducationCodes = { SyntheticGias.PrimaryPhase },
            });
        }
        return 0;
    }

    public static async Task<int> CheckAsync(string url, string method, IEnumerable<string> files)
    {
        using var channel = GrpcChannel.ForAddress(url);
        var client = new SchoolService.SchoolServiceClient(channel);
        foreach (var file in files) await CheckAsync(client, method, file);
        return 0;
    }

    private static async Task CheckAsync(SchoolService.SchoolServiceClient client, string method, string file)
    {
        var frame = File.ReadAllBytes(file);
        if (frame.Length < 5 || frame[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(1)) != frame.Length - 5)
            throw new BenchException($"{file} is not one uncompressed gRPC frame.");
        var message = frame.AsSpan(5).ToArray();
        switch (method)
        {
            case "get":
            {
                var request = GetSchoolRequest.Parser.ParseFrom(message);
                var school = await client.GetSchoolAsync(request, deadline: DateTime.UtcNow.AddSeconds(30));
                if (school.Name != request.Name) throw new BenchException($"asked for {request.Name}, got {school.Name}.");
                Console.WriteLine($"{request.Name}: {school.DisplayName} ({school.CalculateSize()} bytes)");
                return;
            }
            case "list":
            {
                var request = ListSchoolsRequest.Parser.ParseFrom(message);
                var response = await client.ListSchoolsAsync(request, deadline: DateTime.UtcNow.AddSeconds(30));
                var la = request.LocalAuthority["localAuthorities/".Length..];
                var wrong = response.Schools.Where(s => s.LocalAuthorityCode != la || !request.PhaseOfEducationCodes.Contains(s.PhaseOfEducationCode)).ToList();
                if (response.Schools.Count != request.PageSize || wrong.Count > 0 || response.NextPageToken.Length == 0)
                    throw new BenchException($"{request.LocalAuthority}: {response.Schools.Count} schools ({wrong.Count} outside the filter), " +
                        $"next page token '{response.NextPageToken}'; expected a full page of {request.PageSize} and a next page.");
                Console.WriteLine($"{request.LocalAuthority}, phases [{string.Join(",", request.PhaseOfEducationCodes)}]: " +
                    $"{response.Schools.Count} schools, URNs {response.Schools[0].Urn}..{response.Schools[^1].Urn} ({response.CalculateSize()} bytes)");
                return;
            }
            default:
                throw new BenchException($"unknown method '{method}': get or list.");
        }
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
