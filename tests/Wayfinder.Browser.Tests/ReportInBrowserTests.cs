using Microsoft.Playwright;
using Wayfinder.Cli;
using Wayfinder.Library;
using Xunit;
using Wayfinder.Core.Tests.Support;
using Xunit.Abstractions;

namespace Wayfinder.Browser.Tests;

/// <summary>
/// The report of the shared marketplace opened in a real browser: headless
/// Chromium, Debian's build, driven by Playwright. The page must load with no
/// error and no request but its own file, draw one node per sheet loaded, and
/// show something (a screenshot that is not one colour).
/// </summary>
public sealed class ReportInBrowserTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Where Debian's package puts Chromium; .ci/run installs it when it is missing.</summary>
    public const string Chromium = "/usr/bin/chromium";

    private readonly string _folder = Directory.CreateTempSubdirectory("wayfinder-report-").FullName;

    [Fact]
    public async Task Report_OfTheMarketplace_OpensCleanly_DrawsEverySheet_AndShowsTheRouters()
    {
        Assert.True(File.Exists(Chromium), $"Chromium was not found at {Chromium}: install Debian's package (apt-get install chromium), as .ci/run does.");
        var market = SourceTree.Shared("marketplace");
        var file = Path.Combine(_folder, "report.html");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(WayfinderCommand.Ok, WayfinderCommand.Run(["report", market, "-o", file], () => TextReader.Null, stdout, stderr));
        var sheets = PackLibrary.Load([], [market]).Packs.Sum(p => p.Sheets.Length);
        var url = new Uri(file).AbsoluteUri;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        Assert.Empty(errors);
        Assert.Equal([url], requests);
        Assert.Equal(sheets, await page.Locator("svg.router [data-sheet]").CountAsync());
        var first = page.Locator("section.pack svg.router").First;
        await first.ScrollIntoViewIfNeededAsync();
        var box = await page.Locator("svg.router [data-sheet]").First.BoundingBoxAsync();
        Assert.True(box is { Width: > 0, Height: > 0 }, "the first sheet's node is not laid out");

        var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_folder, "report.png") });
        var png = Png.Decode(screenshot);
        Assert.Equal((1280, 900), (png.Width, png.Height));
        var colours = png.Pixels.GroupBy(p => p).Select(g => g.Count()).OrderDescending().ToList();
        output.WriteLine($"{sheets} sheets drawn; screenshot of {colours.Count} colours, the commonest {100.0 * colours[0] / png.Pixels.Length:0.0}% of it; {new FileInfo(file).Length} bytes of report");
        Assert.True(colours.Count >= 16, $"the screenshot has {colours.Count} colours: the page looks blank");
        Assert.True(colours[0] < png.Pixels.Length * 0.97, "one colour covers the screenshot: the page looks blank");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
    }
}
