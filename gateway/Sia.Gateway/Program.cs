using Sia.Gateway;
using Sia.ServiceDefaults;

var builder = ServiceApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGatewayEndpoints();
await app.RunAsync();
