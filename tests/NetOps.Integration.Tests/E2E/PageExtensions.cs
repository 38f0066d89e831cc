using Microsoft.Playwright;

namespace NetOps.Integration.Tests.E2E;

/// <summary>What every end-to-end test does with a page: sign in, wait for the circuit, save a screenshot.</summary>
public static class PageExtensions
{
    public static async Task SignInAsync(this IPage page, string name, string password, string returnUrl = "/")
    {
        await page.GotoAsync($"/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#userName", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Waits until the Blazor circuit is up, so that clicks reach the server.</summary>
    public static async Task WaitForCircuitAsync(this IPage page)
    {
        // The layout says data-circuit="on" only when rendered by the live circuit, not in the prerendered markup:
        // navigating before that falls back to a page fetch (a loaded machine made this test flaky).
        await page.WaitForSelectorAsync("[data-circuit=on]", new() { Timeout = 30_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Saves a full-page PNG as screenshots/NAME.png under the test output.</summary>
    public static async Task ShotAsync(this IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(NetOpsSite.ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}
