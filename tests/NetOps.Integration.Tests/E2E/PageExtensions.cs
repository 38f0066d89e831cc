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
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-testid=user-menu]') !== null");
        // The interactive render replaces the prerendered markup; give it a moment to attach its handlers.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(300);
    }

    /// <summary>Saves a full-page PNG as screenshots/NAME.png under the test output.</summary>
    public static async Task ShotAsync(this IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(NetOpsSite.ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}
