using Sia.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
if (StackPostgres.Problem(builder) is { } problem)
{
    Console.Error.WriteLine(problem);
    return 1;
}

// The gateway signs the partner it authenticated; services trust that header only with this key.
var partnerSigningKey = builder.AddParameter("partner-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

var postgres = builder.AddStackPostgres("postgres");
var registryDb = postgres.AddDatabase("registrydb");
var riskDb = postgres.AddDatabase("riskdb");
var cpdDb = postgres.AddDatabase("cpddb");
var fundingDb = postgres.AddDatabase("fundingdb");

var registry = builder.AddProject<Projects.Sia_Registry>("registry")
    .WithReference(registryDb)
    .WaitFor(registryDb)
    .WithEnvironment("Gateway__PartnerSigningKey", partnerSigningKey)
    .WithUnproxiedHttpEndpoint()
    .AsSiaService();

// Keeps a read model of the registry, fed by its change stream.
var risk = builder.AddProject<Projects.Sia_Risk>("risk")
    .WithReference(riskDb)
    .WaitFor(riskDb)
    .WithReference(registry)
    .WaitFor(registry)
    .WithEnvironment("Gateway__PartnerSigningKey", partnerSigningKey)
    .AsSiaService();

// The CPD catalogue; asks the registry whether a programme's provider alliance exists.
var cpd = builder.AddProject<Projects.Sia_Cpd>("cpd")
    .WithReference(cpdDb)
    .WaitFor(cpdDb)
    .WithReference(registry)
    .WaitFor(registry)
    .WithEnvironment("Gateway__PartnerSigningKey", partnerSigningKey)
    .AsSiaService();

// LAs' school improvement funds, their allocations and the ledger of every movement.
var funding = builder.AddProject<Projects.Sia_Funding>("funding")
    .WithReference(fundingDb)
    .WaitFor(fundingDb)
    .WithEnvironment("Gateway__PartnerSigningKey", partnerSigningKey)
    .AsSiaService();

builder.AddProject<Projects.Sia_Gateway>("gateway")
    .WithReference(registry)
    .WaitFor(registry)
    .WithReference(risk)
    .WaitFor(risk)
    .WithReference(cpd)
    .WaitFor(cpd)
    .WithReference(funding)
    .WaitFor(funding)
    .WithEnvironment("Gateway__PartnerSigningKey", partnerSigningKey)
    .AsSiaService()
    .WithCallingInstructions();

builder.Build().Run();
return 0;
