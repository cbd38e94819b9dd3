using Sia.Gateway;

// appsettings.json sits beside the binary: find it whatever folder the gateway is started from, unless a content root is
// given (--contentRoot: WebApplicationFactory gives the project's folder, so tests run it with its own appsettings.json).
var contentRoot = new ConfigurationBuilder().AddCommandLine(args).Build()[HostDefaults.ContentRootKey] ?? AppContext.BaseDirectory;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGatewayEndpoints();
await app.RunAsync();
