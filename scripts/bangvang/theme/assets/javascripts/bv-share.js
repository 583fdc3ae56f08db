/* Bảng Vàng share box: shows the "copy the link" button where the browser can copy, and copies on click. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll(".bv-share__copy").forEach(function (button) {
    var status = button.parentNode.querySelector(".bv-share__status");
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-bv-copy") || location.href.split("#")[0];
      navigator.clipboard.writeText(url).then(
        function () { status.textContent = "Đã sao chép liên kết."; },
        function () { status.textContent = "Không sao chép được; hãy chép địa chỉ trên thanh trình duyệt."; }
      );
    });
  });
})();
