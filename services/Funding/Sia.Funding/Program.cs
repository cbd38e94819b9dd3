using Sia.Funding;
using Sia.ServiceDefaults;

var builder = ServiceApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddFundingServices();

var app = builder.Build();
await app.MigrateFundingDatabaseAsync();
app.MapDefaultEndpoints();
app.MapFundingEndpoints();
await app.RunAsync();
