// libvips from Debian's libvips-dev. Its entry points take variadic option lists, which Swift
// cannot call, so the few operations sitegen needs are wrapped here with fixed arguments.
#include <vips/vips.h>

/// libvips' own warnings (a truncated file's "error in tile") would print beside sitegen's
/// message, which already names the file and what is wrong.
static void sitegen_vips_quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {}

/// Starts libvips once: one thread per operation (the build runs one image per core), no
/// operation cache (each image is seen once) and no loaders libvips marks untrusted.
static inline int sitegen_vips_start(void) {
    if (VIPS_INIT("sitegen")) return -1;
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    vips_block_untrusted_set(TRUE);
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, sitegen_vips_quiet, NULL);
    return 0;
}

/// The image's size from its header alone (nothing is decoded).
static inline int sitegen_vips_header(const char *path, int *width, int *height) {
    VipsImage *image = vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) return -1;
    *width = vips_image_get_width(image);
    *height = vips_image_get_height(image);
    g_object_unref(image);
    return 0;
}

/// Shrinks `input` (never enlarges) to at most `width` pixels wide and writes it to `output` in
/// the format its name ends with (.jpg, .png, .webp), without metadata, so the same input gives
/// the same bytes. A truncated or damaged input fails instead of coming out grey.
static inline int sitegen_vips_shrink(const char *input, const char *output, int width, int quality,
                                      int *out_width, int *out_height) {
    VipsImage *shrunk = NULL;
    if (vips_thumbnail(input, &shrunk, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                       "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL)) return -1;
    int result;
    if (vips_iscasepostfix(output, ".png")) {
        result = vips_pngsave(shrunk, output, "compression", 6, "strip", TRUE, NULL);
    } else if (vips_iscasepostfix(output, ".webp")) {
        result = vips_webpsave(shrunk, output, "Q", quality, "strip", TRUE, NULL);
    } else {
        result = vips_jpegsave(shrunk, output, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, NULL);
    }
    *out_width = vips_image_get_width(shrunk);
    *out_height = vips_image_get_height(shrunk);
    g_object_unref(shrunk);
    return result;
}

/// Decodes the whole image (at a small scale, so a scan costs little) without writing anything:
/// 0 when every pixel can be read.
static inline int sitegen_vips_verify(const char *input) {
    VipsImage *shrunk = NULL;
    if (vips_thumbnail(input, &shrunk, 64, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                       "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL)) return -1;
    double mean = 0;
    int result = vips_avg(shrunk, &mean, NULL);
    g_object_unref(shrunk);
    return result;
}

/// The last error libvips recorded on this thread's operations, cleared after reading.
static inline const char *sitegen_vips_error(void) { return vips_error_buffer(); }
static inline void sitegen_vips_error_clear(void) { vips_error_clear(); }
