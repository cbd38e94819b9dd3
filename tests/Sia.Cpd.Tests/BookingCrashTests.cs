using System.Collections.Concurrent;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Sia.Cpd.V1;
using Sia.ServiceDefaults;
using Sia.Testing;
using Sia.Testing.Postgres;
using static Sia.Cpd.Tests.BookingSetup;
using State = Sia.Cpd.V1.Booking.Types.State;

namespace Sia.Cpd.Tests;

/// <summary>
/// The CPD service killed (SIGKILL) while bookings stream in from eight clients: every booking it acknowledged is there
/// after it starts again, unchanged, and retrying any request with its request_id (acknowledged or cut off) answers one
/// booking per request, never a second.
/// </summary>
public sealed class BookingCrashTests(PostgresServer postgres) : IAsyncLifetime
{
    private const int Capacity = 40, Clients = 8, AcknowledgedBeforeKill = 80;
    private static readonly Dictionary<string, string?> Signing = new() { [PartnerHeaders.SigningKeyConfigKey] = CpdStack.SigningKey };

    private readonly RegistryHost _registry = new(postgres) { LoadDemoData = true, Settings = Signing };
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        await _registry.InitializeAsync();
        _database = await postgres.CreateDatabaseAsync("cpd");
    }

    [Fact]
    public async Task Every_acknowledged_booking_survives_and_every_retry_answers_its_one_booking()
    {
        var port = LoopbackPorts.Free();
        var process = ServiceProcess.Start("Cpd", "Sia.Cpd", new Dictionary<string, string>
        {
            ["ConnectionStrings__cpddb"] = _database,
            ["Cpd__Registry__Address"] = _registry.Address.ToString(),
            ["Gateway__PartnerSigningKey"] = CpdStack.SigningKey,
            ["Cpd__Certificates__PrivateKeyPem"] = CpdHost.CertificateKeyPem,
            ["Urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
        });
        var acknowledged = new ConcurrentDictionary<string, (CreateBookingRequest Request, Booking Answer)>();
        var cutOff = new ConcurrentBag<CreateBookingRequest>();
        Session session;
        using (process)
        {
            await process.OutputAsync("Now listening on");
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
            session = await NewSessionAsync(channel, Capacity);
            var client = new BookingService.BookingServiceClient(channel);
            var enough = new TaskCompletionSource();
            var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var request = Create(session, requestId: Guid.NewGuid().ToString());
                    try
                    {
                        acknowledged[request.RequestId] = (request, await client.CreateBookingAsync(request));
                        if (acknowledged.Count >= AcknowledgedBeforeKill) enough.TrySetResult();
                    }
                    catch (RpcException)
                    {
                        cutOff.Add(request);
                        return;
                    }
                }
            })).ToList();
            await enough.Task.WaitAsync(Until.Generous);
            await process.KillAsync();
            await Task.WhenAll(clients).WaitAsync(Until.Generous);
        }

        await using var restarted = await CpdHost.StartAsync(_database, _registry.Address, Signing);
        var bookings = new BookingService.BookingServiceClient(restarted.CreateChannel());
        foreach (var (request, answer) in acknowledged.Values)
        {
            var stored = await bookings.GetBookingAsync(new GetBookingRequest { Name = answer.Name });
            Assert.Equal((answer.State, answer.WaitingPosition, answer.Etag), (stored.State, stored.WaitingPosition, stored.Etag));
            var retried = await bookings.CreateBookingAsync(request);
            Assert.Equal((answer.Name, answer.State, answer.Etag), (retried.Name, retried.State, retried.Etag));
        }
        var answered = new Dictionary<string, string>();
        foreach (var request in cutOff) answered[request.RequestId] = (await bookings.CreateBookingAsync(request)).Name;
        foreach (var request in cutOff) Assert.Equal(answered[request.RequestId], (await bookings.CreateBookingAsync(request)).Name);

        var all = (await bookings.ListBookingsAsync(new ListBookingsRequest { Parent = session.Name, PageSize = 100 })).Bookings;
        Assert.Equal(acknowledged.Count + cutOff.Count, all.Count);
        Assert.Equal(all.Select(b => b.Name).Order(), acknowledged.Values.Select(a => a.Answer.Name).Concat(answered.Values).Order());
        Assert.Equal(Capacity, all.Count(b => b.State == State.Confirmed));
        Assert.Equal(Enumerable.Range(1, all.Count - Capacity), all.Where(b => b.State == State.WaitingListed).Select(b => b.WaitingPosition));
    }

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        await postgres.DropDatabaseAsync(_database);
    }
}
