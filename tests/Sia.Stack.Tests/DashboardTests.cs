using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sia.Registry.V1;
using static Microsoft.Playwright.Assertions;

namespace Sia.Stack.Tests;

/// <summary>
/// The dashboard as a developer sees it, in Debian's chromium driven by Playwright (ExecutablePath: Playwright downloads no
/// browser): every resource Running, and a gateway call's trace with the gateway's and the registry's spans.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DashboardTests(StackFixture stack)
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string[] ChromiumArguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"];

    [Fact]
    public async Task The_dashboard_shows_every_resource_running_and_a_gateway_calls_trace_through_the_registry()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var headers = StackFixture.Bearer(StackFixture.DemoKey);
        headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        await new SchoolService.SchoolServiceClient(stack.Gateway).GetSchoolAsync(new GetSchoolRequest { Name = "schools/990102" }, headers,
            cancellationToken: TestContext.Current.CancellationToken);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumArguments });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        SetDefaultExpectTimeout(30_000);

        // The token login sets the dashboard's cookie and goes on to the resources page.
        await page.GotoAsync(new Uri(stack.DashboardUrl, $"/login?t={stack.BrowserToken}").ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        foreach (var resource in StackFixture.Resources)
        {
            var row = page.Locator("tr.resource-row").Filter(new() { Has = page.Locator("span.resource-name-text", new() { HasTextRegex = new Regex($"^{resource}$") }) });
            await Expect(row.Locator("td[col-index='2']")).ToHaveAttributeAsync("title", "Running"); // the State column
        }

        // The trace list has our call's trace (its name cell's title ends with the trace id)...
        await page.GotoAsync(new Uri(stack.DashboardUrl, "/traces").ToString());
        await Expect(page.Locator($"tr.fluent-data-grid-row td[col-index='2'][title*='Trace Id: {traceId}']")).ToHaveCountAsync(1);
        // ...and its page shows the gateway's server span, its call to the registry, and the registry's database calls.
        await page.GotoAsync(new Uri(stack.DashboardUrl, $"/traces/detail/{traceId}").ToString());
        await Expect(page.Locator("td[col-index='1'][title^='gateway: POST /sia.registry.v1.SchoolService/{method}']")).ToHaveCountAsync(1);
        await Expect(page.Locator("td[col-index='1'][title^='registry: POST /sia.registry.v1.SchoolService/GetSchool']")).ToHaveCountAsync(1);
        await Expect(page.Locator("td[col-index='1'][title^='registry: postgresql'][title*='registrydb']").First).ToBeVisibleAsync();
    }
}
