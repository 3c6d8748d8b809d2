#include "relay/srtp/aes.hpp"

#include <climits>
#include <cstring>

#include "relay/packet/bytes.hpp"
#include "relay/srtp/ctr_block.hpp"

namespace rr::srtp {
namespace {

// Fetched once per process: passing OpenSSL's legacy EVP_aes_*() objects would make every
// EVP_*Init_ex look the provider implementation up again.
const EVP_CIPHER* fetched(const char* name) {
  return EVP_CIPHER_fetch(nullptr, name, nullptr);  // held for the process lifetime
}

const EVP_CIPHER* ecb_cipher(size_t key_len) {
  static const EVP_CIPHER* aes128 = fetched("AES-128-ECB");
  static const EVP_CIPHER* aes256 = fetched("AES-256-ECB");
  return key_len == 16 ? aes128 : key_len == 32 ? aes256 : nullptr;
}

const EVP_CIPHER* gcm_cipher(size_t key_len) {
  static const EVP_CIPHER* aes128 = fetched("AES-128-GCM");
  static const EVP_CIPHER* aes256 = fetched("AES-256-GCM");
  return key_len == 16 ? aes128 : key_len == 32 ? aes256 : nullptr;
}

bool fits_int(size_t n) { return n <= static_cast<size_t>(INT_MAX); }

constexpr size_t kBlock = 16;
// Keystream made per ECB call: 16 blocks cover a G.711 payload (160 bytes) in one call and
// keep the buffer on the stack small.
constexpr size_t kChunkBlocks = 16;

void xor_into(uint8_t* data, const uint8_t* keystream, size_t len) noexcept {
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t a, b;
    std::memcpy(&a, data + i, 8);
    std::memcpy(&b, keystream + i, 8);
    a ^= b;
    std::memcpy(data + i, &a, 8);
  }
  for (; i < len; ++i) data[i] ^= keystream[i];
}

}  // namespace

bool AesCm::init(std::span<const uint8_t> key, bool aes_ni) {
  if (aes_ni && ni_.expand(key)) return true;
  const EVP_CIPHER* cipher = ecb_cipher(key.size());
  ctx_.reset(EVP_CIPHER_CTX_new());
  return cipher && ctx_ && EVP_EncryptInit_ex(ctx_.get(), cipher, nullptr, key.data(), nullptr) == 1 &&
         EVP_CIPHER_CTX_set_padding(ctx_.get(), 0) == 1;
}

bool AesCm::apply(const uint8_t* iv, std::span<uint8_t> data) const noexcept {
  return apply(packet::load_be64(iv), packet::load_be64(iv + 8), data);
}

bool AesCm::apply(uint64_t iv_high, uint64_t iv_low, std::span<uint8_t> data) const noexcept {
  if (ni_.ready()) {
    ni_.ctr_xor(iv_high, iv_low, data);
    return true;
  }
  alignas(64) uint8_t keystream[kChunkBlocks * kBlock];
  uint64_t block = 0;
  for (size_t done = 0; done < data.size();) {
    const size_t len = std::min(data.size() - done, sizeof keystream);
    const size_t blocks = (len + kBlock - 1) / kBlock;
    for (size_t b = 0; b < blocks; ++b) {
      const auto words = ctr_block(iv_high, iv_low, block + b);
      std::memcpy(keystream + b * kBlock, words.data(), kBlock);
    }
    int out = 0;
    if (EVP_EncryptUpdate(ctx_.get(), keystream, &out, keystream, static_cast<int>(blocks * kBlock)) != 1)
      return false;
    xor_into(data.data() + done, keystream, len);
    done += len, block += blocks;
  }
  return true;
}

bool AesGcm::init(std::span<const uint8_t> key) {
  const EVP_CIPHER* cipher = gcm_cipher(key.size());
  seal_.reset(EVP_CIPHER_CTX_new());
  open_.reset(EVP_CIPHER_CTX_new());
  return cipher && seal_ && open_ &&
         EVP_EncryptInit_ex(seal_.get(), cipher, nullptr, key.data(), nullptr) == 1 &&
         EVP_DecryptInit_ex(open_.get(), cipher, nullptr, key.data(), nullptr) == 1;
}

namespace {

// IV, both parts of the associated data, then the data in place (the mode decides which way).
bool gcm_run(EVP_CIPHER_CTX* ctx, const uint8_t* iv, std::span<const uint8_t> aad1,
             std::span<const uint8_t> aad2, std::span<uint8_t> data) noexcept {
  int out = 0;
  const auto update = [&](uint8_t* to, std::span<const uint8_t> from) {
    return from.empty() ||
           (fits_int(from.size()) && EVP_CipherUpdate(ctx, to, &out, from.data(), static_cast<int>(from.size())) == 1);
  };
  return EVP_CipherInit_ex(ctx, nullptr, nullptr, nullptr, iv, -1) == 1 && update(nullptr, aad1) &&
         update(nullptr, aad2) && update(data.data(), data);
}

}  // namespace

bool AesGcm::seal(const uint8_t* iv, std::span<const uint8_t> aad1, std::span<const uint8_t> aad2,
                  std::span<uint8_t> data, uint8_t* tag) const noexcept {
  int out = 0;
  uint8_t final_block[16];  // GCM writes nothing at final; OpenSSL still wants a buffer
  EVP_CIPHER_CTX* ctx = seal_.get();
  return gcm_run(ctx, iv, aad1, aad2, data) && EVP_EncryptFinal_ex(ctx, final_block, &out) == 1 &&
         EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, static_cast<int>(kGcmTagLen), tag) == 1;
}

bool AesGcm::open(const uint8_t* iv, std::span<const uint8_t> aad1, std::span<const uint8_t> aad2,
                  std::span<uint8_t> data, const uint8_t* tag) const noexcept {
  int out = 0;
  uint8_t final_block[16];
  EVP_CIPHER_CTX* ctx = open_.get();
  // SET_TAG takes a non-const pointer but only copies from it.
  return gcm_run(ctx, iv, aad1, aad2, data) &&
         EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, static_cast<int>(kGcmTagLen), const_cast<uint8_t*>(tag)) == 1 &&
         EVP_DecryptFinal_ex(ctx, final_block, &out) == 1;
}

}  // namespace rr::srtp
