using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using NetOps.Dashboard.Resources;

namespace NetOps.Dashboard.Auth;

/// <summary>
/// The 403 a person sees when they load a page their roles do not allow: the same words as the in-circuit refusal
/// (Strings.resx), in their language, with the way back; scripts calling the API get problem details instead.
/// </summary>
public static class ForbiddenPage
{
    public static Task WriteAsync(HttpContext context)
    {
        if (context.Response.HasStarted) return Task.CompletedTask;
        var l = context.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
        string E(string key) => HtmlEncoder.Default.Encode(l[key].Value);
        var lang = HtmlEncoder.Default.Encode(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="{{lang}}"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{{E("ForbiddenTitle")}} · NetOps</title>
            <link rel="stylesheet" href="/lib/bootstrap/css/bootstrap.min.css" /><link rel="stylesheet" href="/lib/bootstrap-icons/bootstrap-icons.min.css" /></head>
            <body class="p-4"><div class="alert alert-danger d-flex gap-3 align-items-start" role="alert" data-testid="forbidden">
            <i class="bi bi-shield-lock-fill fs-2" aria-hidden="true"></i><div>
            <h1 class="h4 mb-1">{{E("ForbiddenTitle")}}</h1><p class="mb-2">{{E("ForbiddenText")}}</p>
            <a class="btn btn-sm btn-outline-danger" href="/"><i class="bi bi-house" aria-hidden="true"></i> {{E("BackToOverview")}}</a>
            </div></div></body></html>
            """);
    }
}
