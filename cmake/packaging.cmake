# Install rules and the Debian package (cpack -G DEB, scripts/package). Everything the program reads at
# run time (presets, lessons, the digits data) is compiled into the binary, so an installed copy works
# from any folder; what is installed besides it is for the desktop: menu entry, icons, AppStream
# metadata and the man page.
include(GNUInstallDirs)

set(UNFOLD_APP_ID "org.unfoldlab.UnfoldLab")
install(TARGETS unfoldlab RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES "${PROJECT_SOURCE_DIR}/resources/packaging/${UNFOLD_APP_ID}.desktop"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES "${PROJECT_SOURCE_DIR}/resources/packaging/${UNFOLD_APP_ID}.metainfo.xml"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/${UNFOLD_APP_ID}.svg"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 32 48 64 128 256)
  install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/${UNFOLD_APP_ID}-${size}.png"
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps RENAME ${UNFOLD_APP_ID}.png)
endforeach()
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The man page is printed by the program itself from its help texts (unfoldlab --man-page).
add_custom_command(OUTPUT "${PROJECT_BINARY_DIR}/unfoldlab.1"
                   COMMAND sh -c "\"$<TARGET_FILE:unfoldlab>\" --man-page > \"${PROJECT_BINARY_DIR}/unfoldlab.1\""
                   DEPENDS unfoldlab
                   COMMENT "Writing the man page unfoldlab.1 from the help texts"
                   VERBATIM)
add_custom_target(unfoldlab_man_page ALL DEPENDS "${PROJECT_BINARY_DIR}/unfoldlab.1")
install(FILES "${PROJECT_BINARY_DIR}/unfoldlab.1" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "unfoldlab")
set(CPACK_PACKAGE_VENDOR "The Unfold Lab authors")
set(CPACK_PACKAGE_CONTACT "The Unfold Lab authors <team@unfoldlab.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Explore, teach and publish results on unfolded sparse coding")
set(CPACK_PACKAGE_DESCRIPTION
    "Lasso solvers (ISTA, FISTA, OISTA) and learned unfolded networks (LISTA, LISTA-CP, ALISTA, SLISTA) with a live\n workbench, a 2-D teaching view and lessons, and the figures of Ablin et al. (NeurIPS 2019) from the command line.")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://unfoldlab.org")
# The libraries it links against, found by dpkg-shlibdeps; the Qt platform plugins are loaded at run
# time, not linked, so they are named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
include(CPack)
