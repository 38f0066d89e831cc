// NetOps page helpers: the theme (a cookie, so the server renders the right one at once) and copy-to-clipboard.
window.netops = {
  setTheme(theme) {
    const t = theme === 'dark' ? 'dark' : 'light';
    document.documentElement.setAttribute('data-bs-theme', t);
    document.cookie = `netops.theme=${t}; path=/; max-age=31536000; samesite=lax`;
    window.dispatchEvent(new CustomEvent('netops-theme', { detail: t }));
  },
  async copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // http:// on another host has no clipboard API: select a hidden field and copy from it instead.
      const area = document.createElement('textarea');
      area.value = text;
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try { ok = document.execCommand('copy'); } catch { ok = false; }
      area.remove();
      return ok;
    }
  },
};
