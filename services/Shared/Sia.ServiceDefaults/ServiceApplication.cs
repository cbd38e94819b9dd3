using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Sia.ServiceDefaults;

public static class ServiceApplication
{
    /// <summary>
    /// WebApplication.CreateBuilder, with the content root where the binary is: the AppHost starts services from their build
    /// output, so appsettings.json is found whatever folder a service is started from, unless a content root is given
    /// (--contentRoot: WebApplicationFactory gives the project's folder, so tests run a service with its own appsettings.json).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var contentRoot = new ConfigurationBuilder().AddCommandLine(args).Build()[HostDefaults.ContentRootKey] ?? AppContext.BaseDirectory;
        return WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
    }
}
