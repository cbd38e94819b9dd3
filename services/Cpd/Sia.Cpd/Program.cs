using Sia.Cpd;
using Sia.ServiceDefaults;

var builder = ServiceApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCpdServices();

var app = builder.Build();
await app.MigrateCpdDatabaseAsync();
app.MapDefaultEndpoints();
app.MapCpdEndpoints();
await app.RunAsync();
