using Sia.AppHost;
using Sia.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

// The gateway signs the partner it authenticated; services trust that header only with this key.
var partnerSigningKey = builder.AddParameter("partner-signing-key", secret: true, generateWhenMissing: true);

var postgres = builder.AddPostgres("postgres");
var registryDb = postgres.AddDatabase("registrydb");

var registry = builder.AddProject<Projects.Sia_Registry>("registry")
    .WithReference(registryDb)
    .WaitFor(registryDb)
    .WithEnvironment("Gateway__PartnerSigningKey", partnerSigningKey);

builder.AddProject<Projects.Sia_Gateway>("gateway")
    .WithHttpEndpoint(port: 5100)
    .WithReference(registry)
    .WaitFor(registry)
    .WithEnvironment("Gateway__PartnerSigningKey", partnerSigningKey);

await using var app = builder.Build();
await app.RunAsync(whenStarted: StackBanner.Print);
