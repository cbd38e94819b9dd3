using Grpc.Core;
using Grpc.Net.Client;
using Sia.Cpd.V1;

namespace Sia.Bench.Cpd;

/// <summary>Clients of the CPD service at a URL, sending "authorization: Bearer KEY" on every call unless the key is "-".</summary>
internal sealed class CpdClients(string url, string key)
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
    });

    public Metadata Headers { get; } = key == "-" ? [] : new Metadata { { "authorization", $"Bearer {key}" } };

    public ProgrammeService.ProgrammeServiceClient Programmes => new(_channel);
    public CourseService.CourseServiceClient Courses => new(_channel);
    public SessionService.SessionServiceClient Sessions => new(_channel);
    public BookingService.BookingServiceClient Bookings => new(_channel);
}
