/* linux-user/layout.c — the table-driven writer and reader of guest kernel
 * structs (see layout.h), and the bit-pair and ioctl tables' lookups.
 * Knows no particular guest: offsets, sizes and byte order come from the
 * ABI's LuLayouts.
 */
#include "linux-user/layout.h"

#include <string.h>

void lu_store_guest(const LuLayouts *L, void *p, unsigned size, uint64_t v)
{
    uint8_t *b = p;
    for (unsigned i = 0; i < size; i++) {
        unsigned shift = 8 * (L->big_endian ? size - 1 - i : i);
        b[i] = (uint8_t)(v >> shift);
    }
}

uint64_t lu_load_guest(const LuLayouts *L, const void *p, unsigned size)
{
    const uint8_t *b = p;
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        unsigned shift = 8 * (L->big_endian ? size - 1 - i : i);
        v |= (uint64_t)b[i] << shift;
    }
    return v;
}

void lu_layout_write(const LuLayouts *L, const LuStruct *s, void *buf, const uint64_t *v)
{
    memset(buf, 0, s->size);
    for (unsigned i = 0; i < LU_MAX_FIELDS; i++) {
        if (s->f[i].size)
            lu_store_guest(L, (uint8_t *)buf + s->f[i].off, s->f[i].size, v[i]);
    }
}

void lu_layout_read(const LuLayouts *L, const LuStruct *s, const void *buf, uint64_t *v)
{
    for (unsigned i = 0; i < LU_MAX_FIELDS; i++) {
        const LuField *f = &s->f[i];
        if (!f->size) {
            v[i] = 0;
            continue;
        }
        uint64_t x = lu_load_guest(L, (const uint8_t *)buf + f->off, f->size);
        if (f->is_signed && f->size < 8) {
            unsigned shift = 64 - 8 * f->size;
            x = (uint64_t)((int64_t)(x << shift) >> shift);
        }
        v[i] = x;
    }
}

bool lu_layout_fits(const LuStruct *s, const uint64_t *v)
{
    for (unsigned i = 0; i < LU_MAX_FIELDS; i++) {
        const LuField *f = &s->f[i];
        if (!f->size || f->size >= 8)
            continue;
        unsigned bits = 8 * f->size;
        if (f->is_signed) {
            int64_t x = (int64_t)v[i];
            int64_t lim = (int64_t)1 << (bits - 1);
            if (x < -lim || x >= lim)
                return false;
        } else if (v[i] >> bits) {
            return false;
        }
    }
    return true;
}

uint32_t lu_bits_to_host(const LuBitPair *map, uint32_t guest)
{
    if (!map)
        return guest;
    uint32_t out = guest;
    for (const LuBitPair *p = map; p->guest | p->host; p++)
        out &= ~p->guest;
    for (const LuBitPair *p = map; p->guest | p->host; p++) {
        if (p->guest && (guest & p->guest) == p->guest)
            out |= p->host;
    }
    return out;
}

uint32_t lu_bits_to_guest(const LuBitPair *map, uint32_t host)
{
    if (!map)
        return host;
    uint32_t out = host;
    for (const LuBitPair *p = map; p->guest | p->host; p++)
        out &= ~p->host;
    for (const LuBitPair *p = map; p->guest | p->host; p++) {
        if (p->host && (host & p->host) == p->host)
            out |= p->guest;
    }
    return out;
}

LuIoctl lu_ioctl_id(const LuLayouts *L, uint32_t guest_nr)
{
    for (const LuIoctlNr *p = L->ioctls; p && p->id != LU_IOCTL_NONE; p++) {
        if (p->guest_nr == guest_nr)
            return p->id;
    }
    return LU_IOCTL_NONE;
}
