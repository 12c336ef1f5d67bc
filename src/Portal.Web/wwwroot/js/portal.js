// Small browser helpers the portal calls through JS interop.
window.portal = {
  // The viewer's IANA time zone, so pages and exports show times where the viewer is.
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
};
