using Sia.Risk;
using Sia.ServiceDefaults;

var builder = ServiceApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRiskServices();

var app = builder.Build();
await app.MigrateRiskDatabaseAsync();
app.MapDefaultEndpoints();
app.MapRiskEndpoints();
await app.RunAsync();
