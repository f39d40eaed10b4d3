// libvips from Debian's libvips-dev. Its entry points take variadic option lists, which Swift
// cannot call, so the few operations sitegen needs are wrapped here with fixed arguments.
//
// libvips is opened with dlopen when the first image is processed, not linked: linked, it and the
// hundred libraries it pulls in (cairo, pango, HDF5, ICU, gnutls…) are loaded and relocated when
// any sitegen command starts, 37 ms of CPU per process, an eighth of a one-article rebuild, also
// on archives without a single image. Only its headers are used at compile time (for types,
// enums and the ABI version); every call goes through a pointer looked up in the opened library.
#include <dlfcn.h>
#include <stdio.h>
#include <vips/vips.h>

/// The libvips functions sitegen calls, looked up once in the opened library.
typedef struct {
    __typeof__(vips_version) *version;
    __typeof__(vips_init) *init;
    __typeof__(vips_concurrency_set) *concurrency_set;
    __typeof__(vips_cache_set_max) *cache_set_max;
    __typeof__(vips_block_untrusted_set) *block_untrusted_set;
    __typeof__(g_log_set_handler) *log_set_handler;
    __typeof__(vips_image_new_from_file) *image_new_from_file;
    __typeof__(vips_image_get_width) *image_get_width;
    __typeof__(vips_image_get_height) *image_get_height;
    __typeof__(g_object_unref) *object_unref;
    __typeof__(vips_thumbnail) *thumbnail;
    __typeof__(vips_iscasepostfix) *iscasepostfix;
    __typeof__(vips_pngsave) *pngsave;
    __typeof__(vips_webpsave) *webpsave;
    __typeof__(vips_jpegsave) *jpegsave;
    __typeof__(vips_avg) *avg;
    __typeof__(vips_error_buffer) *error_buffer;
    __typeof__(vips_error_clear) *error_clear;
} sitegen_vips_functions;

/// The functions, once `sitegen_vips_start` succeeded (all of them found).
static inline sitegen_vips_functions *sitegen_vips(void) {
    static sitegen_vips_functions functions;
    return &functions;
}

/// What went wrong opening the library, for the one message sitegen shows when it cannot start.
static inline char *sitegen_vips_open_error(void) {
    static char message[512];
    return message;
}

/// libvips' own warnings (a truncated file's "error in tile") would print beside sitegen's
/// message, which already names the file and what is wrong.
static void sitegen_vips_quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {}

/// Opens libvips (the version these headers describe, by its ABI number: libvips.so.42) and
/// finds every function sitegen calls: 0 on success.
static inline int sitegen_vips_open(void) {
    char name[64];
    snprintf(name, sizeof name, "libvips.so.%d", VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
    void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *why = dlerror();
        snprintf(sitegen_vips_open_error(), 512, "%s", why ? why : name);
        return -1;
    }
    sitegen_vips_functions *f = sitegen_vips();
    // dlsym on the library's handle also searches what it depends on (GLib and GObject).
#define SITEGEN_FIND(field, symbol) \
    if (!(*(void **)&f->field = dlsym(library, #symbol))) { \
        snprintf(sitegen_vips_open_error(), 512, "%s has no %s", name, #symbol); \
        return -1; \
    }
    SITEGEN_FIND(version, vips_version)
    SITEGEN_FIND(init, vips_init)
    SITEGEN_FIND(concurrency_set, vips_concurrency_set)
    SITEGEN_FIND(cache_set_max, vips_cache_set_max)
    SITEGEN_FIND(block_untrusted_set, vips_block_untrusted_set)
    SITEGEN_FIND(log_set_handler, g_log_set_handler)
    SITEGEN_FIND(image_new_from_file, vips_image_new_from_file)
    SITEGEN_FIND(image_get_width, vips_image_get_width)
    SITEGEN_FIND(image_get_height, vips_image_get_height)
    SITEGEN_FIND(object_unref, g_object_unref)
    SITEGEN_FIND(thumbnail, vips_thumbnail)
    SITEGEN_FIND(iscasepostfix, vips_iscasepostfix)
    SITEGEN_FIND(pngsave, vips_pngsave)
    SITEGEN_FIND(webpsave, vips_webpsave)
    SITEGEN_FIND(jpegsave, vips_jpegsave)
    SITEGEN_FIND(avg, vips_avg)
    SITEGEN_FIND(error_buffer, vips_error_buffer)
    SITEGEN_FIND(error_clear, vips_error_clear)
#undef SITEGEN_FIND
    return 0;
}

/// Starts libvips once: one thread per operation (the build runs one image per core), no
/// operation cache (each image is seen once) and no loaders libvips marks untrusted. The caller
/// calls it once (Swift's lazy globals); -1 with `sitegen_vips_open_error()` set on failure.
static inline int sitegen_vips_start(void) {
    if (sitegen_vips_open()) return -1;
    sitegen_vips_functions *f = sitegen_vips();
    // VIPS_INIT's check: the library opened must have the ABI these headers describe.
    if (f->version(3) - f->version(5) != VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE) {
        snprintf(sitegen_vips_open_error(), 512, "libvips has ABI version %d, sitegen needs %d",
                 f->version(3) - f->version(5), VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
        return -1;
    }
    if (f->init("sitegen")) {
        snprintf(sitegen_vips_open_error(), 512, "vips_init failed");
        return -1;
    }
    f->concurrency_set(1);
    f->cache_set_max(0);
    f->block_untrusted_set(TRUE);
    f->log_set_handler("VIPS", G_LOG_LEVEL_WARNING, sitegen_vips_quiet, NULL);
    return 0;
}

/// The image's size from its header alone (nothing is decoded).
static inline int sitegen_vips_header(const char *path, int *width, int *height) {
    sitegen_vips_functions *f = sitegen_vips();
    VipsImage *image = f->image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) return -1;
    *width = f->image_get_width(image);
    *height = f->image_get_height(image);
    f->object_unref(image);
    return 0;
}

/// Shrinks `input` (never enlarges) to at most `width` pixels wide and writes it to `output` in
/// the format its name ends with (.jpg, .png, .webp), without metadata, so the same input gives
/// the same bytes. A truncated or damaged input fails instead of coming out grey.
static inline int sitegen_vips_shrink(const char *input, const char *output, int width, int quality,
                                      int *out_width, int *out_height) {
    sitegen_vips_functions *f = sitegen_vips();
    VipsImage *shrunk = NULL;
    if (f->thumbnail(input, &shrunk, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                     "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL)) return -1;
    int result;
    if (f->iscasepostfix(output, ".png")) {
        result = f->pngsave(shrunk, output, "compression", 6, "strip", TRUE, NULL);
    } else if (f->iscasepostfix(output, ".webp")) {
        result = f->webpsave(shrunk, output, "Q", quality, "strip", TRUE, NULL);
    } else {
        result = f->jpegsave(shrunk, output, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, NULL);
    }
    *out_width = f->image_get_width(shrunk);
    *out_height = f->image_get_height(shrunk);
    f->object_unref(shrunk);
    return result;
}

/// Decodes the whole image (at a small scale, so a scan costs little) without writing anything:
/// 0 when every pixel can be read.
static inline int sitegen_vips_verify(const char *input) {
    sitegen_vips_functions *f = sitegen_vips();
    VipsImage *shrunk = NULL;
    if (f->thumbnail(input, &shrunk, 64, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
                     "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL)) return -1;
    double mean = 0;
    int result = f->avg(shrunk, &mean, NULL);
    f->object_unref(shrunk);
    return result;
}

/// The last error libvips recorded on this thread's operations, cleared after reading.
static inline const char *sitegen_vips_error(void) { return sitegen_vips()->error_buffer(); }
static inline void sitegen_vips_error_clear(void) { sitegen_vips()->error_clear(); }
