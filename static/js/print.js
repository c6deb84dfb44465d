// Show the Print button only where it works (with JavaScript); printing uses the print CSS.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
